"""The worker is killed (SIGKILL) while documents and decisions are in flight and started again: every
document still ends filed exactly once — none lost, none duplicated."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.e2e.helpers import work_inboxes
from workflow.samples.mix import mixed_documents

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def test_sigkill_during_processing_loses_and_duplicates_nothing(pipeline):
    docs = mixed_documents(30, seed=99, letters_every=4, zugferd_every=0)
    truth = {pipeline.submit(d.data, d.filename): d for d in docs}
    ids = list(truth)

    def some_in_flight() -> bool:
        st = pipeline.statuses(ids)
        progressed = sum(1 for s in st.values() if s not in (None, "received"))
        return progressed >= 3

    pipeline.wait_for(some_in_flight, 300, "first documents in flight")
    before = Counter(pipeline.statuses(ids).values())
    pipeline.kill_worker()
    pipeline.start_worker()

    # decisions in flight: send a round of approvals, kill again right away
    pipeline.wait_for(lambda: work_inboxes(pipeline, truth) > 0, 300, "first tasks")
    pipeline.kill_worker()
    pipeline.start_worker()

    def all_filed() -> bool:
        work_inboxes(pipeline, truth)
        return all(s == "filed" for s in pipeline.statuses(ids).values())

    pipeline.wait_for(all_filed, 900, "all documents filed after two SIGKILLs")

    for doc_id, d in truth.items():
        actions = Counter(a.action for a in pipeline.repo.audit_trail(doc_id))
        assert actions["received"] == 1 and actions["filed"] == 1, (d.filename, actions)
        assert pipeline.repo.verify_audit(doc_id)[0]
        assert pipeline.repo.get_filing(doc_id) is not None
        tasks = pipeline.repo.list_tasks(document_id=doc_id)
        if d.kind != "letter":
            approvals = [t for t in tasks if t.meta.get("kind") == "approval"]
            assert len(approvals) == 2 and {t.status for t in approvals} == {"approved"}, d.filename
            assert actions["exported_to_finance"] == 1
            assert (pipeline.settings.finance_export_dir / f"{doc_id}.json").exists()
    print(f"statuses at first kill: {dict(before)}")
