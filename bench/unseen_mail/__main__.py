"""python -m bench.unseen_mail OUT_DIR --n 120 --seed S"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from .corpus import STAMP_PLACES, write_corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.unseen_mail", description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--stamps", choices=STAMP_PLACES, default="head",
                    help="where receipt stamps land: 'head' always over the info block (stress test, the default), "
                         "'page' anywhere on the first page like the shared corpus' stamps")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    rows = write_corpus(args.out_dir, args.n, args.seed, stamps=args.stamps)
    print(f"wrote {len(rows)} documents ({sum(r['n_pages'] for r in rows)} pages) to {args.out_dir} "
          f"in {time.perf_counter() - start:.1f} s")
    print("types:", dict(Counter(r["doc_type"] for r in rows)))
    print("departments:", dict(Counter(r["department"] for r in rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
