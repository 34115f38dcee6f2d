"""Optional compiled e-invoice engine: the validator's hot modules compiled with Cython, same source, no changes.

The validator is pure Python; most of its time goes into the interpreter running many small steps (tree walks,
term lookups, rule checks). Compiled by Cython, the same modules run with fewer instructions per invoice and give
identical reports (the test suite runs on whichever is in use; ``bench/einvoice_bench.py`` prints which). The hot
modules carry Cython declarations next to their source (``<module>.pxd``: their state objects as extension types
with typed fields, hot methods callable from C, typed locals; a few ``cython.locals`` decorators, no-ops in pure
Python, see ``_cython``), read only by this build. The compiled modules live apart from the sources, in
``<repo>/.accel`` (``build``, run by ``infra/install.sh``), and are used only while they are current: each package
in ``PACKAGES`` puts its folder there in front of its ``__path__`` (``search_path``) when the manifest's hashes of
the sources and their declarations equal those on disk, so an edited source or ``.pxd`` never runs as a stale
compiled copy. A module may also come with a ``.pyx`` next to its ``.py`` (``treeops``): the same functions
written against lxml's C API (libxml2's nodes), compiled in place of the ``.py`` with lxml's include folders; the
``.py`` is its pure-Python twin and reference, and the manifest also holds the ``.pyx``'s hash and lxml's version.
Without Cython, a C compiler or a build the pure-Python modules run; ``AKTENFLUSS_ACCEL=0`` forces them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]  # the repository (the folder holding ``workflow``)
ACCEL_DIR = ROOT / ".accel"
MANIFEST = "manifest.json"
ENV = "AKTENFLUSS_ACCEL"

# the packages whose modules may be compiled, and the modules that are (the validator's path; ``data_files`` finds
# its data next to its own file, ``accel`` is this loader, the renderers and tools are not on the hot path)
PACKAGES = ("workflow.einvoice", "workflow.einvoice.rules", "workflow.einvoice.structure")
_TOP = ("aborts", "detect", "extract", "findings", "modelmake", "treeops", "validator", "xmlsafe")


def modules() -> tuple[str, ...]:
    """Dotted names of the modules ``build`` compiles: the listed top-level ones, every module of the rule and
    structure packages."""
    names = [f"workflow.einvoice.{name}" for name in _TOP]
    for package in PACKAGES[1:]:
        folder = ROOT.joinpath(*package.split("."))
        names += [f"{package}.{p.stem}" for p in sorted(folder.glob("*.py")) if p.stem != "__init__"]
    return tuple(names)


def _source(module: str) -> Path:
    return ROOT.joinpath(*module.split(".")).with_suffix(".py")


def _compiled_source(module: str) -> Path:
    """What the build compiles for ``module``: its ``.pyx`` where there is one (a module written for the compiled
    build against lxml's C API, with the ``.py`` as its pure-Python fallback), else the ``.py`` itself."""
    pyx = _source(module).with_suffix(".pyx")
    return pyx if pyx.is_file() else _source(module)


def _declarations(module: str) -> Path:
    """The module's Cython declarations (``.pxd`` next to its source: typed state and locals for the compiled
    build only; the pure-Python module never reads them)."""
    return _source(module).with_suffix(".pxd")


def fingerprint(names: tuple[str, ...]) -> dict[str, str]:
    """What a build depends on: each module's source hash and that of its declarations (``.pxd``, where there are
    any) or compiled form (``.pyx``), the interpreter's ABI, lxml's version and this recipe (its options)."""
    found = {name: hashlib.sha256(_source(name).read_bytes()).hexdigest() for name in names}
    for name in names:
        compiled = _compiled_source(name)
        if compiled != _source(name):
            found[name + ".pyx"] = hashlib.sha256(compiled.read_bytes()).hexdigest()
        declarations = _declarations(name)
        if declarations.is_file():
            found[name + ".pxd"] = hashlib.sha256(declarations.read_bytes()).hexdigest()
    found["python"] = sys.implementation.cache_tag or sys.version
    found["lxml"] = _lxml_version()  # the .pyx modules read lxml's structures: built for this lxml only
    found["recipe"] = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return found


def _lxml_version() -> str:
    from lxml import etree

    return ".".join(map(str, etree.LXML_VERSION)) + "/libxml2-" + ".".join(map(str, etree.LIBXML_VERSION))


def is_current(folder: Path = ACCEL_DIR) -> bool:
    """True if ``folder`` holds a build of exactly the current sources for this interpreter."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return manifest == fingerprint(modules())
    except (OSError, ValueError):
        return False


@cache
def enabled() -> bool:
    """Use the compiled modules? (a current build, not switched off); said once in the log."""
    if os.environ.get(ENV, "1") == "0":
        return False
    if not ACCEL_DIR.is_dir():
        return False
    if not is_current():
        log.warning("compiled e-invoice modules in %s are out of date: pure Python is used; "
                    "rebuild with 'aktenfluss accel build' (or bash infra/install.sh)", ACCEL_DIR)
        return False
    return True


def search_path(package: str) -> list[str]:
    """The folder of ``package``'s compiled modules, for the front of its ``__path__`` (empty: not in use)."""
    if package not in PACKAGES or not enabled():
        return []
    return [str(ACCEL_DIR.joinpath(*package.split(".")))]


def status() -> str:
    """'compiled' or 'pure' (and why), for benchmarks and logs."""
    if os.environ.get(ENV, "1") == "0":
        return f"pure ({ENV}=0)"
    if not ACCEL_DIR.is_dir():
        return "pure (no build)"
    return "compiled" if enabled() else "pure (build out of date)"


def build(folder: Path = ACCEL_DIR, jobs: int = 2) -> Path:
    """Compile ``modules()`` with Cython into ``folder`` (replaced as a whole when the build succeeds)."""
    import lxml
    from Cython.Build import cythonize  # the optional dependency (extra "accel")
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    names = modules()
    work = Path(tempfile.mkdtemp(prefix="aktenfluss-accel-"))
    try:
        # lxml's headers and declarations: the ``.pyx`` modules use its C API (``lxml.includes.etreepublic``)
        lxml_include = lxml.get_include()
        extensions = [Extension(name, [str(_compiled_source(name))], include_dirs=lxml_include,
                                extra_compile_args=["-w"]) for name in names]
        # annotations stay hints: typed as C or exact builtin types they would reject what Python lets through
        # (None for a 'str' argument), so the compiled modules behave exactly as the sources (+0.6 % instructions)
        # the package root on the include path: declarations (.pxd) cimport those of other modules by package name
        compiled = cythonize(extensions, build_dir=str(work / "c"), nthreads=jobs, quiet=True,
                             include_path=[str(ROOT), str(Path(lxml.__file__).parents[1])],
                             compiler_directives={"language_level": 3, "annotation_typing": False})
        command = build_ext(Distribution({"ext_modules": compiled}))
        command.build_lib, command.build_temp, command.parallel = str(work / "lib"), str(work / "tmp"), jobs
        command.ensure_finalized()
        command.run()
        (work / "lib" / MANIFEST).write_text(json.dumps(fingerprint(names), indent=1), encoding="utf-8")
        staged = folder.with_name(folder.name + ".new")
        shutil.rmtree(staged, ignore_errors=True)
        shutil.copytree(work / "lib", staged)
        shutil.rmtree(folder, ignore_errors=True)
        staged.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def main(argv: list[str]) -> int:
    """``aktenfluss accel build|status`` (also ``python -m workflow.einvoice.accel``)."""
    if argv[1:2] == ["status"]:
        print(status())
        return 0
    if argv[1:2] != ["build"]:
        print("usage: aktenfluss accel build|status", file=sys.stderr)
        return 2
    if os.environ.get(ENV, "1") != "0" and is_current():
        print(f"accel: {ACCEL_DIR} is current")
        return 0
    try:
        build()
    except Exception as exc:  # noqa: BLE001 - an optional speed-up: say why, the pure-Python modules stay in use
        print(f"accel: not built ({type(exc).__name__}: {exc}); the pure-Python modules are used", file=sys.stderr)
        return 1
    print(f"accel: {len(modules())} modules compiled into {ACCEL_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
