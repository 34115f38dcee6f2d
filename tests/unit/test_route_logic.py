from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from workflow.route import logic
from workflow.route.logic import TaskStatus
from workflow.route.policy import PolicyError, load_policy, policy_from_dict

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DOC = "a" * 64


@pytest.fixture()
def policy():
    return load_policy()


def plan(policy, amount="1000.00", department="kaemmerei", pay_by=None):
    tasks, verdict = logic.plan_approval(document_id=DOC, amount=Decimal(amount), department=department,
                                         pay_by=pay_by, policy=policy, now=NOW, title="Test")
    return tasks, verdict


def test_plan_has_two_steps_first_open(policy):
    tasks, verdict = plan(policy)
    assert verdict.ok
    assert [t.step for t in tasks] == ["feststellung", "anordnung"]
    assert [t.status for t in tasks] == [TaskStatus.OPEN, TaskStatus.WAITING]


def test_amount_limit_excludes_limited_orderer(policy):
    small, _ = plan(policy, "5000.00")
    big, _ = plan(policy, "9000.00")
    assert "schmidt" in small[1].candidates  # limit 7,500 EUR
    assert "schmidt" not in big[1].candidates
    assert "wagner" in big[1].candidates  # unlimited


def test_department_scope(policy):
    tasks, _ = plan(policy, department="sozialamt")
    assert "yilmaz" not in tasks[0].candidates  # only bauamt/ordnungsamt
    tasks, _ = plan(policy, department="bauamt")
    assert "yilmaz" in tasks[0].candidates


def test_four_eyes_same_person_cannot_decide_both_steps(policy):
    tasks, _ = plan(policy)
    first = logic.decided(tasks[0], approve=True, user="wagner", at=NOW, comment=None)
    second = replace(tasks[1], status=TaskStatus.OPEN)
    v = logic.check_decision(second, [first, second], "wagner", policy, NOW.date())
    assert not v.ok and "Vier-Augen" in v.reason
    assert logic.check_decision(second, [first, second], "schmidt", policy, NOW.date()).ok


def test_unauthorised_and_unknown_users_refused(policy):
    tasks, _ = plan(policy)
    assert not logic.check_decision(tasks[0], tasks, "schmidt", policy, NOW.date()).ok  # no feststeller role
    assert not logic.check_decision(tasks[0], tasks, "nobody", policy, NOW.date()).ok
    assert not logic.check_decision(tasks[1], tasks, "wagner", policy, NOW.date()).ok  # still waiting


def test_substitute_acts_within_period_only(policy):
    tasks, _ = plan(policy, "100.00")
    first = logic.decided(tasks[0], approve=True, user="mueller", at=NOW, comment=None)
    second = replace(tasks[1], status=TaskStatus.OPEN, candidates=("schmidt",))
    v = logic.check_decision(second, [first, second], "becker", policy, date(2026, 6, 1))
    assert v.ok and v.acting_for == "schmidt"
    assert not logic.check_decision(second, [first, second], "becker", policy, date(2028, 1, 1)).ok


def test_after_decision_sequence(policy):
    tasks, _ = plan(policy)
    first = logic.decided(tasks[0], approve=True, user="mueller", at=NOW, comment=None)
    nxt = logic.after_decision(first, [first, tasks[1]])
    assert nxt.outcome == "open" and nxt.task_id == tasks[1].task_id
    second = logic.decided(replace(tasks[1], status=TaskStatus.OPEN), approve=True, user="wagner", at=NOW,
                           comment=None)
    done = logic.after_decision(second, [first, second])
    assert done.outcome == "approved" and "mueller" in done.reason and "wagner" in done.reason
    rej = logic.decided(tasks[0], approve=False, user="mueller", at=NOW, comment="falsche Menge")
    assert logic.after_decision(rej, [rej, tasks[1]]).outcome == "rejected"


def test_deadline_respects_skonto(policy):
    tasks, _ = plan(policy, pay_by=date(2026, 11, 5))
    assert tasks[0].due_at <= datetime(2026, 11, 3, 9, 0, tzinfo=UTC)  # 2 days margin before 5 Nov
    tasks, _ = plan(policy, pay_by=None)
    assert tasks[0].due_at == datetime(2026, 11, 7, 9, 0, tzinfo=UTC)  # 5 days


def test_nobody_with_role_gives_reason():
    pol = policy_from_dict({"steps": [{"step": "a", "role": "r1"}, {"step": "b", "role": "r2"}],
                            "users": [{"id": "x", "roles": ["r1", "r2"], "max_amount": "10"}]})
    tasks, verdict = logic.plan_approval(document_id=DOC, amount=Decimal("50"), department=None, pay_by=None,
                                         policy=pol, now=NOW, title="t")
    assert not verdict.ok and tasks == [] and "r1" in verdict.reason


def test_policy_validation():
    with pytest.raises(PolicyError):
        policy_from_dict({"steps": [{"step": "a", "role": "r"}], "users": []})
    with pytest.raises(PolicyError):
        policy_from_dict({"steps": [{"step": "a", "role": "r"}, {"step": "b", "role": "q"}],
                          "users": [{"id": "x", "roles": ["r"]}]})


def test_leitweg_department(policy):
    assert policy.department_for_leitweg("05315000-BAU63-12") == "bauamt"
    assert policy.department_for_leitweg("05315000-12") is None
    assert policy.department_for_leitweg(None) is None


def test_earlier_step_refused_when_it_would_leave_nobody_for_a_later_step(policy):
    tasks, _ = plan(policy, "50000.00")  # only wagner may order above 7,500 EUR
    v = logic.check_decision(tasks[0], tasks, "wagner", policy, NOW.date())
    assert not v.ok and "niemand" in v.reason
    assert logic.check_decision(tasks[0], tasks, "mueller", policy, NOW.date()).ok
