"""Pure scoring of an assessment: answers in, section and overall scores, band, progress and the findings
the answers raise out. No database; the service stores what this returns."""

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from itaku.assessments.definition import (
    CHOICE_TYPES,
    Definition,
    FindingRule,
    Question,
    QuestionType,
    ScoringMethod,
)


@dataclass(frozen=True)
class Answer:
    value: Any = None
    file_count: int = 0


@dataclass(frozen=True)
class SectionScore:
    key: str
    score: float | None  # None when nothing in the section is scored
    earned: float
    possible: float


@dataclass(frozen=True)
class RaisedFinding:
    question_key: str
    rule: FindingRule
    answer: Any


@dataclass(frozen=True)
class Result:
    score: float | None
    band: str | None
    sections: list[SectionScore]
    answered: int
    required: int
    required_answered: int
    missing: list[str] = field(default_factory=list)  # required questions without an answer
    findings: list[RaisedFinding] = field(default_factory=list)


class InvalidAnswer(ValueError):
    """The value does not fit the question; the message says what would."""


def normalise(question: Question, value: Any) -> Any:
    """The stored form of an answer to `question`, or InvalidAnswer. None clears the answer."""
    if value is None or value == "" or value == []:
        return None
    keys = [o.key for o in question.options]
    t = question.type
    if t in (QuestionType.yes_no_na, QuestionType.single_choice):
        if not isinstance(value, str) or value not in keys:
            raise InvalidAnswer(f"choose one of: {', '.join(keys)}")
        return value
    if t == QuestionType.multiple_choice:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InvalidAnswer(f"give a list of options from: {', '.join(keys)}")
        unknown = [v for v in value if v not in keys]
        if unknown:
            raise InvalidAnswer(f"unknown options {', '.join(unknown)}; choose from: {', '.join(keys)}")
        return [k for k in keys if k in value]  # template order, no repeats
    if t == QuestionType.text:
        if not isinstance(value, str):
            raise InvalidAnswer("give text")
        if len(value) > 20_000:
            raise InvalidAnswer("the text is longer than 20,000 characters")
        return value
    if t == QuestionType.number:
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str):
                try:
                    value = float(value.replace(",", ""))
                except ValueError:
                    raise InvalidAnswer("give a number") from None
            else:
                raise InvalidAnswer("give a number")
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite:
            raise InvalidAnswer("give a finite number")
        return int(value) if float(value).is_integer() else float(value)
    if t == QuestionType.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InvalidAnswer("give a date as YYYY-MM-DD") from None
    # file questions are answered by attaching evidence, not by a value
    raise InvalidAnswer("attach a file as evidence; this question takes no typed answer")


def is_answered(question: Question, answer: Answer | None) -> bool:
    if answer is None:
        return False
    if question.type == QuestionType.file:
        return answer.file_count > 0
    return answer.value is not None


def _earned(question: Question, value: Any) -> tuple[float, float] | None:
    """(earned, possible) for a scored question's answer; None when it is out of scoring."""
    scores = {o.key: o.score for o in question.options}
    chosen = value if isinstance(value, list) else [value]
    if question.type == QuestionType.multiple_choice:
        # The best single option earns full marks; lesser ones add up towards it (ISO/IEC 27001 alone is as
        # good as ISO/IEC 27001 with a Privacy Mark; two self-declarations make up part of it).
        picked = [scores[k] for k in chosen if scores.get(k) is not None]
        if not picked and any(scores.get(k) is None for k in chosen):
            return None
        possible = _best(question)
        return min(sum(s for s in picked if s is not None), possible), possible
    score = scores.get(chosen[0])
    if score is None:
        return None
    return score, max(s for s in scores.values() if s is not None)


def evaluate(definition: Definition, answers: dict[str, Answer]) -> Result:
    sections: list[SectionScore] = []
    findings: list[RaisedFinding] = []
    answered = required = required_answered = 0
    missing: list[str] = []
    total_earned = total_possible = 0.0
    percent = definition.scoring == ScoringMethod.weighted_percent
    any_scored = False
    for section in definition.sections:
        earned = possible = 0.0
        scored_here = False
        for q in section.questions:
            answer = answers.get(q.key)
            done = is_answered(q, answer)
            answered += done
            if q.required:
                required += 1
                required_answered += done
                if not done:
                    missing.append(q.key)
            if q.type in CHOICE_TYPES and done and answer is not None:
                chosen = set(answer.value if isinstance(answer.value, list) else [answer.value])
                findings.extend(RaisedFinding(q.key, r, answer.value) for r in q.findings if chosen & set(r.when))
            if not q.scored:
                continue
            # An unanswered scored question counts as nothing earned; "not applicable" leaves scoring.
            result = _earned(q, answer.value) if done and answer is not None else (0.0, _best(q))
            if result is None:
                continue
            scored_here = any_scored = True
            e, p = result
            if percent:
                earned += q.weight * (e / p if p else 0.0)
                possible += q.weight
            else:
                earned += e
                possible += p
        score = (100 * earned / possible if possible else None) if percent else (earned if scored_here else None)
        sections.append(SectionScore(section.key, _round(score), _round(earned) or 0.0, _round(possible) or 0.0))
        total_earned += earned
        total_possible += possible
    if not any_scored:
        overall = None
    elif percent:
        overall = 100 * total_earned / total_possible if total_possible else None
    else:
        overall = total_earned
    overall = _round(overall)
    band = None
    if overall is not None:
        band = next((b.key for b in definition.bands if overall >= b.min), None)
    return Result(overall, band, sections, answered, required, required_answered, missing, findings)


def _best(question: Question) -> float:
    return max(o.score for o in question.options if o.score is not None)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
