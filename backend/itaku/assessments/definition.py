"""A questionnaire template's content: sections of typed questions with weights, option scores and the
answers that raise findings. One definition is stored whole per template version (a published version
never changes), exported and imported as JSON, and checked here so a bad template never reaches a vendor."""

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$", description="stable key, e.g. access_control")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(Strict):
    """A text in both languages; the portal falls back to the other language when one is empty."""

    ja: str = Field(default="", max_length=4000)
    en: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _one_language(self) -> "Text":
        if not (self.ja or self.en):
            raise ValueError("give the text in Japanese, English or both")
        return self

    def get(self, lang: str) -> str:
        return (self.en or self.ja) if lang == "en" else (self.ja or self.en)


class QuestionType(StrEnum):
    yes_no_na = "yes_no_na"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    text = "text"
    number = "number"
    date = "date"
    file = "file"


CHOICE_TYPES = frozenset({QuestionType.yes_no_na, QuestionType.single_choice, QuestionType.multiple_choice})


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"


class Option(Strict):
    key: Key
    label: Text
    # None: the option takes the question out of scoring ("not applicable", "we do not use this").
    score: float | None = Field(default=None, ge=-100, le=100)


class FindingRule(Strict):
    """Answering any of `when` raises a finding of `severity` (on submission, once per question)."""

    when: list[Key] = Field(min_length=1)
    severity: Severity
    title: Text | None = Field(default=None, description="defaults to the question's text")


class Question(Strict):
    key: Key
    type: QuestionType
    text: Text
    help: Text | None = None
    required: bool = True
    weight: float = Field(default=1.0, ge=0, le=100)
    options: list[Option] = Field(default_factory=list, max_length=50)
    findings: list[FindingRule] = Field(default_factory=list, max_length=10)

    @model_validator(mode="after")
    def _options_fit_type(self) -> "Question":
        if self.type == QuestionType.yes_no_na and not self.options:
            self.options = yes_no_na_options()
        if self.type in CHOICE_TYPES:
            if len(self.options) < 2:
                raise ValueError(f"question {self.key}: a choice question needs at least two options")
            keys = [o.key for o in self.options]
            if len(set(keys)) != len(keys):
                raise ValueError(f"question {self.key}: option keys repeat")
            for rule in self.findings:
                unknown = set(rule.when) - set(keys)
                if unknown:
                    raise ValueError(f"question {self.key}: a finding rule names unknown options {sorted(unknown)}")
        else:
            if self.options:
                raise ValueError(f"question {self.key}: only choice questions have options")
            if self.findings:
                raise ValueError(f"question {self.key}: only choice questions can raise findings from answers")
        return self

    @property
    def scored(self) -> bool:
        return self.type in CHOICE_TYPES and self.weight > 0 and any(o.score is not None for o in self.options)


class Section(Strict):
    key: Key
    title: Text
    description: Text | None = None
    questions: list[Question] = Field(min_length=1, max_length=200)


class Band(Strict):
    """The overall score at or above `min` (highest first wins) reads as this band."""

    min: float
    key: Key
    label: Text


class ScoringMethod(StrEnum):
    # Each scored question earns weight × (chosen score / best score); the total is a percentage.
    weighted_percent = "weighted_percent"
    # The chosen option scores are added up as they are (the IPA self-check: 4/2/0/−1 per item, 100 at best).
    points_sum = "points_sum"


class Definition(Strict):
    format: Literal["itaku.questionnaire/1"] = "itaku.questionnaire/1"
    title: Text
    description: Text | None = None
    scoring: ScoringMethod = ScoringMethod.weighted_percent
    bands: list[Band] = Field(default_factory=list, max_length=10)
    sections: list[Section] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _unique_keys(self) -> "Definition":
        section_keys = [s.key for s in self.sections]
        if len(set(section_keys)) != len(section_keys):
            raise ValueError("section keys repeat")
        question_keys = [q.key for s in self.sections for q in s.questions]
        seen: set[str] = set()
        for key in question_keys:
            if key in seen:
                raise ValueError(f"question key {key} is used twice; keys must be unique in the template")
            seen.add(key)
        band_keys = [b.key for b in self.bands]
        if len(set(band_keys)) != len(band_keys):
            raise ValueError("band keys repeat")
        self.bands = sorted(self.bands, key=lambda b: -b.min)
        return self

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions() if q.key == key), None)


def yes_no_na_options() -> list[Option]:
    return [
        Option(key="yes", label=Text(ja="はい", en="Yes"), score=1),
        Option(key="no", label=Text(ja="いいえ", en="No"), score=0),
        Option(key="na", label=Text(ja="該当しない", en="Not applicable"), score=None),
    ]
