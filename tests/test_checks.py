"""Consistency checks on short release-like texts: each rule passes on consistent figures and
fails on a changed one, with the failing finding pointing at the changed figure."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import finfacts
from finfacts.cli import app

SHARE = (
    "Lumen Devices today announced its audited results for the year 2023.\n\n"
    "Revenue from internet services reached RMB30.1 billion in 2023. Lumen's internet services segment "
    "saw growth in advertising and gaming. Revenue from its overseas internet services increased 24.1% "
    "year-on-year to RMB8.4 billion, accounting for {x} of the Group's total internet services revenue."
)
GROWTH_AMOUNT = (
    "Acme Corp. today announced its results for the fourth quarter of 2023. "
    "Net income was $53.8 million, up $4.0 million or {x} from the fourth quarter of 2022."
)
GROWTH_FROM_TO = (
    "Acme Corp. today announced its results for the fourth quarter of 2023. "
    "Revenue rose {x} to $500 million from $400 million."
)
DIRECTION = (
    "Acme Corp. today announced its results for the fourth quarter of 2023. "
    "Operating income {x} to $120 million from $100 million."
)
RESTATED = (
    "Acme Corp. today announced its results for the year 2023. "
    "In 2023, revenue was $4.2 billion. In 2023, revenue was {x}."
)
MARGIN = (
    "Acme Corp. today announced its results for the year 2023. In 2023, revenue was $200.0 million. "
    "In 2023, gross profit was $80.0 million, representing a gross margin of {x}."
)
PART = (
    "Acme Corp. today announced its results for the year 2023. Total revenue was $100.0 million in 2023. "
    "Cloud segment revenue was {x} in 2023."
)
PARTS_SUM = (
    "Freelancer Limited today announced its results for the year 2023.\n\n"
    "Group revenue: $53.1 million; Freelancer revenue: $42.7 million; Escrow.com revenue: {x}\n"
)
TRANSLATION = (
    "Lumen Devices today announced its results for 2023. Revenue was RMB12.3 billion (US$1.7 billion). "
    "Net income was RMB7.1 billion ({x})."
)
PER_UNIT = (
    "Acme Mining Corp. announced that it has issued 4,000,000 common shares at a price of $0.75 per "
    "common share for gross proceeds of {x}."
)

# rule, template, consistent figure, contradicting figure
CASES = [
    ("share_of", SHARE, "28.0%", "38.0%"),
    ("growth_matches_values", GROWTH_AMOUNT, "8.0%", "18.0%"),
    ("growth_matches_values", GROWTH_FROM_TO, "25%", "45%"),
    ("restated_differently", RESTATED, "$4.2 billion", "$5.9 billion"),
    ("margin_matches_ratio", MARGIN, "40.0%", "48.0%"),
    ("part_exceeds_whole", PART, "$60.0 million", "$160.0 million"),
    ("parts_sum_to_total", PARTS_SUM, "$10.4 million", "$12.4 million"),
    ("translation_consistent", TRANSLATION, "US$1.0 billion", "US$1.4 billion"),
    ("per_unit", PER_UNIT, "$3,000,000", "$4,000,000"),
]
IDS = [f"{rule}-{i}" for i, (rule, *_rest) in enumerate(CASES)]


def findings(text: str, rule: str):
    report = finfacts.check(finfacts.extract(text))
    return report, [f for f in report.findings if f.rule == rule]


def overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


@pytest.mark.parametrize(("rule", "template", "good", "bad"), CASES, ids=IDS)
def test_rule_passes_on_consistent_figures(rule, template, good, bad):
    report, found = findings(template.format(x=good), rule)
    assert found, f"{rule} said nothing: {report.findings}"
    assert all(f.status == "pass" for f in found), [f.message for f in found]
    assert report.ok, [f.message for f in report.findings if f.status == "fail"]


@pytest.mark.parametrize(("rule", "template", "good", "bad"), CASES, ids=IDS)
def test_rule_fails_on_a_changed_figure(rule, template, good, bad):
    text = template.format(x=bad)
    start = template.index("{x}")
    end = start + len(bad)
    assert text[start:end] == bad
    report, found = findings(text, rule)
    failed = [f for f in found if f.status == "fail"]
    assert failed, f"{rule} did not fail: {[f.message for f in found]}"
    assert not report.ok
    for f in failed:
        assert any(overlaps(s, start, end) for s in f.spans), (f.spans, (start, end), f.message)


def test_failing_message_names_both_figures():
    _, found = findings(GROWTH_FROM_TO.format(x="45%"), "growth_matches_values")
    (f,) = [f for f in found if f.status == "fail"]
    assert "$400 million" in f.message and "$500 million" in f.message


# --------------------------------------------------------------------------- direction
@pytest.mark.parametrize("verb", ["rose 20%", "increased 20%", "grew 20%"])
def test_direction_matches_passes(verb):
    report, found = findings(DIRECTION.format(x=verb), "direction_matches")
    assert found == []  # the rule reports only contradictions
    assert report.ok, [f.message for f in report.findings if f.status == "fail"]


@pytest.mark.parametrize("verb", ["fell 20%", "declined 20%", "decreased 20%"])
def test_direction_matches_fails(verb):
    text = DIRECTION.format(x=verb)
    _, found = findings(text, "direction_matches")
    assert [f.status for f in found] == ["fail"]
    start = DIRECTION.index("{x}")
    # the spans cover the stated change and the two figures it contradicts
    assert any(overlaps(s, start, start + len(verb)) for s in found[0].spans)
    assert any(text[a:b] == "$120 million" for a, b in found[0].spans)


def test_direction_not_checked_for_losses():
    text = ("Acme Corp. today announced its results for the fourth quarter of 2023. "
            "Net loss fell 20% to $120 million from $100 million.")
    _, found = findings(text, "direction_matches")
    assert found == []


# --------------------------------------------------------------------------- rounding tolerance
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # 8.4 / 30.1 = 27.9%: stated as 27.9% or 28% is within rounding
        (SHARE.format(x="27.9%"), "share_of"),
        (SHARE.format(x="28%"), "share_of"),
        # 4.0 / 49.8 = 8.03%
        (GROWTH_AMOUNT.format(x="8%"), "growth_matches_values"),
        (RESTATED.format(x="$4.2 billion").replace("was $4.2 billion.", "was $4.20 billion."), "restated_differently"),
    ],
)
def test_rounding_differences_pass(text, rule):
    report, found = findings(text, rule)
    assert found and all(f.status == "pass" for f in found), [f.message for f in found]


def test_approximately_tolerates_a_rough_share():
    report, found = findings(SHARE.format(x="approximately 29%"), "share_of")
    assert found and all(f.status == "pass" for f in found), [f.message for f in found]


def test_check_accepts_a_list_and_sets_document():
    exs = [finfacts.extract(RESTATED.format(x="$4.2 billion")), finfacts.extract(PER_UNIT.format(x="$4,000,000"))]
    report = finfacts.check(exs)
    assert not report.ok
    fails = [f for f in report.findings if f.status == "fail"]
    assert fails and all(f.document == 1 for f in fails)
    assert any(f.document == 0 and f.status == "pass" for f in report.findings)


# --------------------------------------------------------------------------- CLI
@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_exit_0_on_a_consistent_release(runner, tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(GROWTH_FROM_TO.format(x="25%"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(p)])
    assert result.exit_code == 0, result.output
    assert "0 failed" in " ".join(result.output.split())


def test_cli_exit_1_on_a_contradicting_release(runner, tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text(GROWTH_FROM_TO.format(x="45%"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(p)])
    assert result.exit_code == 1, result.output
    assert "FAIL" in result.output and "growth_matches_values" in result.output


def test_cli_all_lists_passes(runner, tmp_path):
    p = tmp_path / "good.txt"
    p.write_text(PER_UNIT.format(x="$3,000,000"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--all", str(p)])
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output and "per_unit" in result.output


def test_cli_json_is_valid(runner, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PER_UNIT.format(x="$3,000,000"), encoding="utf-8")
    bad.write_text(PER_UNIT.format(x="$4,000,000"), encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", str(good), str(bad)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [str(good), str(bad)]
    assert [f["status"] for f in data[0]["findings"] if f["rule"] == "per_unit"] == ["pass"]
    (bad_f,) = [f for f in data[1]["findings"] if f["rule"] == "per_unit"]
    assert bad_f["status"] == "fail"
    assert {"rule", "status", "message", "spans"} <= set(bad_f)


def test_cli_together_warns_on_a_restatement_across_releases(runner, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Acme Corp. today announced its results for the year 2023. In 2023, revenue was $4.2 billion.",
                 encoding="utf-8")
    b.write_text("Acme Corp. today announced its results for the year 2023. In 2023, revenue was $4.6 billion.",
                 encoding="utf-8")
    result = runner.invoke(app, ["check", "--together", "--format", "json", str(a), str(b)])
    assert result.exit_code == 0, result.output  # a restatement warns, it does not fail
    data = json.loads(result.stdout)
    rules = {(f["rule"], f["status"]) for f in data[0]["findings"]}
    assert ("restated_across_documents", "warn") in rules


# --------------------------------------------------------------------------- phrasings
@pytest.mark.parametrize(
    ("text", "changed"),
    [
        ("Net income was $53.8 million, up $4.0 million or 18.0%.", "18.0%"),
        ("Revenue rose 45% to $500 million from $400 million.", "45%"),
    ],
)
def test_growth_fails_without_a_dateline(text, changed):
    _, found = findings(text, "growth_matches_values")
    failed = [f for f in found if f.status == "fail"]
    start = text.index(changed)
    assert failed and all(any(overlaps(s, start, start + len(changed)) for s in f.spans) for f in failed)


def test_growth_compared_with_phrasing_fails():
    """Regression: the change after 'compared with <prior>' went to the prior, and 400 -> 500
    stated as 45% was not caught."""
    text = ("Acme Corp. today announced its results for the fourth quarter of 2023. Revenue was $500 million, "
            "compared with $400 million in the fourth quarter of 2022, an increase of 45%.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == ["fail"]


def test_a_segment_may_exceed_a_total_that_other_segments_bring_down() -> None:
    """Operating income of a segment above the group's is no contradiction when another segment
    loses money: part_exceeds_whole stays silent for metrics that can be negative."""
    text = "In 2023, consolidated operating income was $14.8 billion, with apps segment operating income of $19.3 billion."
    ex = finfacts.extract(text)
    assert [(f.scope, f.metric) for f in ex.facts] == [(None, "OperatingIncomeLoss"), ("apps", "OperatingIncomeLoss")]
    assert not [f for f in finfacts.check(ex).findings if f.rule == "part_exceeds_whole"]
    revenue = "In 2023, consolidated revenue was $14.8 billion, with apps segment revenue of $19.3 billion."
    assert [f.status for f in finfacts.check(finfacts.extract(revenue)).findings if f.rule == "part_exceeds_whole"] == ["fail"]


@pytest.mark.parametrize("amount,status", [("EUR 450M", "pass"), ("EUR 650M", "fail")])
def test_growth_rate_or_amount_to_level(amount: str, status: str) -> None:
    """'up 27% or EUR 450M to EUR 2.15bn': the rate and the amount are one change of the level,
    so the amount implies a base (2.15bn - 450M = 1.70bn) and a rate (26.5%) the stated 27% must
    match within rounding."""
    text = f"Acme Retail reports its 2025 results. Total sales for 2025 up 27% or {amount} to EUR 2.15bn."
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]
    at = text.index(amount)
    assert any(a <= at < b for a, b in found[0].spans)  # the amount is shown with the finding


@pytest.mark.parametrize("amount,status", [("$10.7 million", "pass"), ("$15.7 million", "fail")])
def test_growth_amount_and_rate_against_a_named_period(amount: str, status: str) -> None:
    """The year-over-year change of two ('compared to the second quarter ..., and ... compared to
    the third quarter of 2024') is checked: 10.7 on a base of 63.9 - 10.7 is 20.1%."""
    text = ("Acme Bank Reports Third Quarter 2025 Earnings\n\nNet interest income was $63.9 million for the "
            "third quarter of 2025, up $4.0 million, or 6.7%, compared to the second quarter of 2025, and up "
            f"{amount}, or 20.1%, when compared to the third quarter of 2024.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("amount,status", [("$13.6 million", "pass"), ("$18.6 million", "fail")])
def test_growth_amount_with_rate_and_prior(amount: str, status: str) -> None:
    """'$64.8 million ..., up $13.6 million or 26.6% when compared to $51.2 million': the amount is
    checked against the two figures too, not only the rate."""
    text = ("Acme Bank reports its results. Net income was $64.8 million for the nine months ended September 30, "
            f"2025, up {amount} or 26.6% when compared to $51.2 million for the same nine months of 2024.")
    report, found = findings(text, "growth_matches_values")
    assert sorted(f.status for f in found) == (["pass", "pass"] if status == "pass" else ["fail", "pass"])
    at = text.index(amount)
    assert any(a <= at < b for f in found if f.status == status for a, b in f.spans)


@pytest.mark.parametrize("rate,status", [("22%", "pass"), ("42%", "fail")])
def test_growth_against_the_year_earlier_column_of_a_table(rate: str, status: str) -> None:
    """'Revenue was $39.07 billion, an increase of 22% year-over-year' states no comparative; the
    statement table's year-earlier column does (31,999), so the rate is checked against it."""
    text = (
        "Acme Platforms Reports Second Quarter 2024 Results\n\n"
        f"Revenue was $39.07 billion in the second quarter of 2024, an increase of {rate} year-over-year.\n\n"
        "CONDENSED STATEMENTS OF INCOME\n(In millions)\n\n"
        "| | Three Months Ended June 30, 2024 | Three Months Ended June 30, 2023 |\n"
        "|---|---|---|\n"
        "| Revenue | $ 39,071 | $ 31,999 |\n"
        "| Costs and expenses | 24,224 | 22,607 |\n"
        "| Income from operations | $ 14,847 | $ 9,392 |\n"
    )
    report, found = findings(text, "growth_matches_values")
    prose = [f for f in found if "39.07" in f.message]
    assert [f.status for f in prose] == [status]


@pytest.mark.parametrize("escrow,status", [("$10.4 million", "pass"), ("$14.4 million", "fail")])
def test_segments_listed_on_the_total_line_may_fall_short_of_it(escrow: str, status: str) -> None:
    """'Group Revenue: $53.1 million, Freelancer: $40.6 million, Escrow.com: $10.4 million': the
    segments listed after their total are parts of it, not all of it (other businesses make up
    the rest), so their sum may fall short of the total but not exceed it."""
    text = ("Freelancer Limited releases FY24 Financial Results\n\n"
            f"* Group Revenue: $53.1 million (-4.2%)Freelancer: $40.6 million (-8.2%)Escrow.com: {escrow} (+14.5%)\n")
    report, found = findings(text, "parts_sum_to_total")
    assert sorted({f.status for f in found}) == (["pass"] if status == "pass" else ["fail", "warn"])


@pytest.mark.parametrize("service,status", [("$34.4 million", "pass"), ("$30.4 million", "fail")])
def test_a_declared_breakdown_must_add_up(service: str, status: str) -> None:
    """'Total revenue of $84.6 million comprised ...': the parts are the whole, so a sum short of
    the total fails too."""
    text = ("Acme Corp. today announced its results for the year 2023. In 2023, total revenue of $84.6 million "
            f"comprised product revenue of $50.2 million and service revenue of {service}.")
    report, found = findings(text, "parts_sum_to_total")
    assert status in {f.status for f in found}
    if status == "pass":
        assert "fail" not in {f.status for f in found}


@pytest.mark.parametrize("rate,status", [("40%", "pass"), ("60%", "fail")])
def test_a_change_stated_apart_from_its_level(rate: str, status: str) -> None:
    """'R&D expenses ... totaled $3,620,000' and, in another paragraph, 'decreased by $2,419,000 or
    40%': the amount and rate are checked against the level (prior = level less the amount)."""
    text = ("Acme Biopharma reports its results for the year ended July 31, 2025.\n\n"
            "Research and development expenses for the year ended July 31, 2025, totaled $3,620,000.\n\n"
            "Research and development expenses for the year ended July 31, 2025, when compared to the year ended "
            f"July 31, 2024, decreased by $2,419,000 or {rate}, primarily due to lower trial costs.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("body,status", [("$948.6 million", "pass"), ("$648.6 million", "fail")])
def test_a_measure_restated_under_another_of_its_names(body: str, status: str) -> None:
    """'Gross Marketplace Value (GMV) of $948.6 million' and 'Group GMV: $948.6 million' are one
    measure: both names are the taxonomy's names of GrossMerchandiseValue."""
    text = ("Acme Limited releases FY24 Financial Results\n\n"
            f"Acme in FY24 delivered Gross Marketplace Value (GMV) of {body} (down 7.1% from FY23).\n\n"
            "Financial Highlights\n\n* Group GMV: $948.6 million (-7.1% vs. FY23)\n")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("rate,status", [("38.8%", "pass"), ("18.8%", "fail")])
def test_a_change_amount_and_rate_before_the_level(rate: str, status: str) -> None:
    text = ("Acme Corp. today announced its results for the year 2025. In 2025, total revenues decreased by "
            f"approximately $11.5 million, or {rate}, to approximately $18.2 million.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("half,status", [("RMB480 million", "pass"), ("RMB980 million", "fail")])
def test_a_part_of_a_period_may_not_exceed_the_whole(half: str, status: str) -> None:
    """Revenue of the second half of 2023 inside revenue of 2023 (a flow: it adds up over time)."""
    text = ("Acme Inc. released its 2023 annual results. In 2023, the total revenue amounted to RMB870 million, of "
            f"which the revenue for the second half of 2023 reached {half}.")
    report, found = findings(text, "part_exceeds_whole")
    assert [f.status for f in found] == [status]


def test_a_balance_at_two_dates_is_no_part_of_a_period() -> None:
    """Balances are not added up over time: cash at June 30 above cash at December 31 is fine."""
    text = ("Acme Inc. released its 2023 annual results. Cash and cash equivalents were $80 million as of "
            "December 31, 2023, down from $95 million as of June 30, 2023.")
    report, found = findings(text, "part_exceeds_whole")
    assert found == []


@pytest.mark.parametrize("share,status", [("90.8%", "pass"), ("60.8%", "fail")])
def test_a_share_whose_part_is_named_by_the_sentence_subject(share: str, status: str) -> None:
    """'Management fees accounted for 90.8% of total service fee income': the part is the
    management fees stated in an earlier sentence."""
    text = ("Acme SE reports its results for the first nine months of 2025. In 9M 2025, management fees were "
            "EUR 174.0m. In 9M 2025, total service fee income amounted to EUR 191.7m. "
            f"Management fees accounted for {share} of total service fee income after 9M 2025.")
    report, found = findings(text, "share_of")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("growth,status", [("44%", "pass"), ("84%", "fail")])
def test_a_profit_growth_from_revenue_growth_and_margin(growth: str, status: str) -> None:
    """Revenue up 16% and the EBITDA margin from 18.7% to 23.3%: EBITDA grew 1.16 x 23.3 / 18.7 - 1
    = 44.5%, whatever its level."""
    text = ("Acme PLC Reports Full-Year 2023 Results\n\nAcme announced a 16% year-on-year growth in revenue, "
            f"reaching £56 million, with an EBITDA margin increase from 18.7% to 23.3%. EBITDA rose to £13.1 million, "
            f"a {growth} increase from the previous year.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


def test_a_bound_is_not_the_revenue_of_a_margin() -> None:
    """'revenue potential of up to £95 million' is a bound: the margin is checked against the
    one revenue figure of the year."""
    text = ("In 2023, revenue reached £56 million and EBITDA was £30 million, an EBITDA margin of 23.3%. "
            "The new site raises revenue potential in 2023 to up to £95 million.")
    report, found = findings(text, "margin_matches_ratio")
    assert [f.status for f in found] == ["fail"]


@pytest.mark.parametrize("rate,status", [("51%", "pass"), ("81%", "fail")])
def test_a_count_change_as_amount_and_rate(rate: str, status: str) -> None:
    text = ("In 2023, the number of anchor enterprise customers increased 203 to reach a total of 604, an increase of "
            f"{rate} from 2022.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("purchase,status", [("C$4.49 million", "pass"), ("C$8.49 million", "fail")])
def test_the_issue_price_prices_each_purchase_of_its_paragraph(purchase: str, status: str) -> None:
    """'issued 11,385,000 common shares at C$3.55 per share ... purchased 1,263,416 shares for
    C$4.49 million': the purchase is at the issue price."""
    text = ("Acme Metals Corp. (TSX: ACME) closed its bought deal financing for total gross proceeds of approximately "
            "C$40.42 million. The Company issued 11,385,000 common shares at C$3.55 per share through a syndicate of "
            f"underwriters. Acme Silver Corp. purchased 1,263,416 shares for {purchase}, representing 11.47% ownership.")
    report, found = findings(text, "per_unit")
    assert sorted(f.status for f in found) == (["pass", "pass"] if status == "pass" else ["fail", "pass"])


@pytest.mark.parametrize("body,status", [("C$40.42 million", "pass"), ("C$60.42 million", "fail")])
def test_an_undated_headline_figure_restated_in_the_body(body: str, status: str) -> None:
    """A release with no reporting period (a financing): the headline's figure and the body's are
    one measure ('Bought Deal Financing' and 'gross proceeds' are names of one metric)."""
    text = ("Acme Metals Corp. Closes C$40.4 Million Bought Deal Financing\n\n"
            f"Acme Metals Corp. closed its bought deal financing for total gross proceeds of approximately {body}.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("body,status", [("RMB 351,237 million", "pass"), ("RMB 551,237 million", "fail")])
def test_a_restatement_in_a_release_run_together_on_one_line(body: str, status: str) -> None:
    """A release whose paragraphs and highlights table were run together on one line: the table's
    figures do not make every figure of the line a table cell ("As at 30 June 2026" and "As of the
    end of June 2026" are one instant)."""
    text = ("Acme Tower Limited Announces 2026 Interim Results   Performance Highlights   RMB Million 1H 2026 "
            "1H 2025 Change  Operating revenue 48,693 49,601 -1.8%  EBITDA 30,252 34,227 -11.6%   "
            f"As at 30 June 2026, our total assets amounted to {body}, with a gearing ratio of 31.5%.   "
            "About Acme Tower   As of the end of June 2026, the Company's total assets amounted to RMB 351,237 million.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found] == [status]


def test_a_profit_and_a_loss_of_one_name_are_two_measures() -> None:
    """The group's EBITDA of EUR 1.0 million and a division's EBITDA of EUR -1.7 million (its scope
    not read): opposite signs are two measures, not one restated."""
    text = ("Acme AG published its Annual Report 2025. In 2025, Acme increased EBITDA to EUR 1.0 million "
            "(2024: EUR 0.6 million). In 2025, EBITDA amounted to EUR -1.7 million (previous year: EUR -1.9 million).")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found if f.status == "fail"] == []


def test_undated_figures_of_the_body_are_not_compared() -> None:
    """Two offers in the body of an undated release are two figures, not one restated."""
    text = ("Acme makes two offers for the Andes assets\n\n"
            "Offer A is a cash offer of $6,000,000. Offer B adds a cash payment of $9,000,000.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("low,status", [("50.0", "pass"), ("20.0", "fail")])
def test_a_range_restated_must_agree_at_both_ends(low: str, status: str) -> None:
    """'EUR 20.0 - 65.0m' and 'EUR 50.0 - 65.0m' overlap but are not one range: each end is compared."""
    text = ("Acme SE Reports Full-Year 2024 Results\n\n"
            f"In 2024, EBITDA was in the range of EUR {low} - 65.0m. In 2024, EBITDA was in the range of EUR 50.0 - 65.0m.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found] == [status]


def test_a_comparative_written_as_a_loss_is_below_zero() -> None:
    """'$166k vs. a loss of $539k': a rise from a loss; no percentage of a negative base is checked
    and the direction agrees."""
    text = "In 1H25, pre-tax income was 131% higher than in 1H24 ($166k vs. a loss of $539k)."
    report = finfacts.check(finfacts.extract(text))
    assert [f for f in report.findings if f.status == "fail"] == []


def test_balances_and_flows_are_translated_at_their_own_rates() -> None:
    """A bank's income at the period's average rate and its loans at the closing rate: two rates."""
    text = ("In 2Q 2025, operating income was GEL 835 million (USD 304 million). As of June 30, 2025, gross "
            "loans were GEL 28.5 billion (USD 10.5 billion).")
    report, found = findings(text, "translation_consistent")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("base,status", [("June 30, 2024", "pass"), ("September 30, 2023", "fail")])
def test_constant_currency_figures_against_two_bases_are_two_measures(base: str, status: str) -> None:
    """Constant-currency revenue of one quarter at last year's rates and at last quarter's rates
    are two measures; against one base they are one and must agree."""
    text = ("Acme Reports Third Quarter 2024 Results\n\n"
            "Total constant currency revenues of $89.3 billion for the quarter ended September 30, 2024 increased "
            "$12.6 billion compared to $76.7 billion in revenues for the quarter ended September 30, 2023.\n\n"
            "Total constant currency revenues of $88.1 billion for the quarter ended September 30, 2024 increased "
            f"$3.5 billion compared to $84.6 billion in revenues for the quarter ended {base}.\n")
    report, found = findings(text, "restated_differently")
    assert ("fail" in [f.status for f in found]) == (status == "fail")


def test_customer_deposits_are_translated_at_the_closing_rate() -> None:
    """'customer deposit portfolio' is a balance: its rate is not the quarter's average rate."""
    text = ("* 2Q 2025 operating income of GEL 835 million (USD 304 million) grew by 23% YoY.\n"
            "* Customer deposit portfolio increased to GEL 22.0 billion (USD 8.1 billion), up by 11% YoY.\n")
    report, found = findings(text, "translation_consistent")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("cash_flow,deficit,status", [
    ("$0.8 million", "$2.4 million", "pass"),
    ("$1.8 million", "$2.4 million", "fail"),  # the comparatives agree: the current figures are one measure
    ("$0.8 million", "$4.4 million", "fail"),  # the currents agree: the comparatives are one measure
])
def test_a_figure_and_its_comparative_stated_twice(cash_flow: str, deficit: str, status: str) -> None:
    """'Cash Flow: $0.8m vs. $(2.4)m in pcp' and 'cash flow of $0.8 million (vs. a $2.4 million
    deficit in FY23)': one figure agreeing ties the two statements, so the other pair is compared
    however far apart its values are; the deficit is the negative comparative."""
    text = ("Acme Limited releases FY24 results\n\n* Cash Flow: $0.8m vs. $(2.4)m in pcp\n\n"
            f"With positive cash flow of {cash_flow} (vs. a {deficit} deficit in FY23), the Group is primed for growth.")
    report, found = findings(text, "restated_differently")
    assert found and ("fail" in {f.status for f in found}) == (status == "fail")
    if status == "fail":
        changed = text.rindex(cash_flow if cash_flow != "$0.8 million" else deficit)
        assert any(s <= changed < e for f in found if f.status == "fail" for s, e in f.spans)


@pytest.mark.parametrize("revenue,ebitda,status", [
    ("AUD$7.4 million", "AUD$1.9m", "pass"),
    ("AUD$9.7 million", "AUD$1.9m", "fail"),
    ("AUD$7.4 million", "AUD$2.9m", "fail"),
])
def test_a_pair_of_bounds_restated_in_an_undated_release(revenue: str, ebitda: str, status: str) -> None:
    """An acquisition's 'revenue exceeding AUD$7.4 million and EBITDA of more than AU $1.9 million',
    stated again in the highlights: a bound restated with the same qualifier is the same bound."""
    text = ("Acme Executes Term Sheet to Acquire Engineering Business\n\n"
            "The acquisition adds a profitable business, with revenue exceeding AUD$7.4 million and EBITDA of more "
            "than AU $1.9 million.\n\n Key Highlights\n\n"
            f"* The acquisition provides revenue exceeding {revenue} and EBITDA of more than {ebitda} (based on 2025).")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found if f.status == "fail"] == ([] if status == "pass" else ["fail"])
    assert found  # the consistent pair is compared too


def test_a_figure_with_two_comparatives_is_not_paired() -> None:
    """'from $15,040,664 to $15,723,265, and ... from $13,981,369 ... from $13,625,724' (the second
    metric's name not read): a figure given two comparatives pairs with neither."""
    text = ("Acme Holding Reports First Quarter 2025 Results\n\n"
            "* Increase in Total Assets of 4.5% quarter over quarter from $15,040,664 to $15,723,265, and an increase "
            "from $13,981,369 quarter over quarter from $13,625,724.\n"
            "* Total assets were $15,723,265, an increase from $15,040,664 from year end 2024.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("h2,status", [("$1.8 million", "pass"), ("$2.8 million", "fail")])
def test_the_halves_add_up_to_the_year(h2: str, status: str) -> None:
    """'Operating Profit: $0.8m vs. $0.6m in pcp1H24: $(1.0) million; 2H24: $1.8 million': a flow
    of a year and of each of its halves adds up, the negative half included."""
    text = f"Acme Limited releases FY24 results\n\n* Operating Profit: $0.8m vs. $0.6m in pcp1H24: $(1.0) million; 2H24: {h2}\n"
    report, found = findings(text, "parts_sum_to_total")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("q4,status", [("$31.0 million", "pass"), ("$41.0 million", "fail")])
def test_the_quarters_add_up_to_the_year(q4: str, status: str) -> None:
    """Four dated quarters against their year; a balance (a stock) would not be added up."""
    text = ("Acme Corp. reports its results for the year 2024.\n\n"
            "Revenue was $100.0 million in 2024. Revenue was $20.0 million in the first quarter of 2024, $24.0 million "
            f"in the second quarter of 2024, $25.0 million in the third quarter of 2024 and {q4} in the fourth quarter "
            "of 2024.\n\nCash was $5.0 million at December 31, 2024, $4.0 million at September 30, 2024.")
    report, found = findings(text, "parts_sum_to_total")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("dividend,status", [("RMB 0.19122", "pass"), ("RMB 0.29122", "fail")])
def test_prose_against_a_highlights_table_run_together_on_one_line(dividend: str, status: str) -> None:
    """A release run together on one line, its highlights table under '1H 2026 1H 2025 Change':
    the interim dividend in the prose is the table's first column."""
    text = ("Acme Tower Limited Announces 2026 Interim Results   The Company announces its interim results for the six "
            "months ended 30 June 2026.   Performance Highlights   RMB Million 1H 2026 1H 2025 Change  Operating revenue "
            "48,693 49,601 -1.8%  EBITDA[1] 30,252 34,227 -11.6%  Basic earnings per share (RMB yuan) 0.4284 0.3293 30.1%  "
            "Dividend per share (RMB yuan) 0.19122 0.13250 44.3%   In the first half of 2026, operating revenue reached "
            f"RMB 48,693 million.   The board has resolved to distribute an interim dividend of {dividend} per share.")
    report, found = findings(text, "prose_matches_table")
    assert "fail" in [f.status for f in found] if status == "fail" else found and all(f.status == "pass" for f in found)


@pytest.mark.parametrize("us,status", [("ten", "pass"), ("twenty", "fail")])
def test_counts_shared_out_of_a_count(us: str, status: str) -> None:
    """'across 17 sites ... Of these sites, ten are in the U.S., six are in Ethiopia and one is in
    Paraguay': the shares may not add up to more than the sites."""
    text = ("Acme Mining Posts Third Quarter Results\n\nBy the end of the third quarter of 2024, hosting capacity had "
            f"grown across 17 sites. Of these sites, {us} are in the U.S., six are in Ethiopia and one is in Paraguay.")
    report, found = findings(text, "parts_sum_to_total")
    assert [f.status for f in found] == [status]


def test_a_share_far_off_its_part_over_the_whole_is_of_another_whole() -> None:
    """'ACL of $68.6 million (1.14% of total loans)' with 'loans past due ... $28.8 million' the only
    loans figure: a ratio two hundred times the share is another whole's, not a misstatement."""
    text = ("Acme Bank Reports Third Quarter 2025 Results\n\n"
            "At September 30, 2025, loans past due 30 to 89 days increased to $28.8 million. At September 30, 2025, "
            "the allowance for credit losses was $68.6 million (1.14% of total loans).")
    report, found = findings(text, "share_of")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("referred,status", [("$59,452", "pass"), ("$89,452", "fail")])
def test_a_figure_referred_back_to_was_stated_before(referred: str, status: str) -> None:
    """'the cost per mined Bitcoin rose to $59,452 ... the $59,452 figure may not be comparable':
    the figure the text refers back to is one stated earlier in its paragraph."""
    text = ("Acme Mining Reports Third Quarter 2024 Results\n\n"
            "Revenue from self-mining rose to $20.5 million. During the quarter, the cost per mined Bitcoin rose to "
            f"$59,452 due to increased difficulty. As a result, Lu noted that the {referred} figure may not be directly "
            "comparable to some peers.")
    report, found = findings(text, "restated_differently")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("further,status", [("5%", "pass"), ("25%", "fail")])
def test_a_further_change_is_from_the_level_stated_before(further: str, status: str) -> None:
    """'hosting costs decreased to 6.8 cents per kilowatt hour ... further reduced hosting costs by
    an additional 5% to 6.5 cents per kilowatt hour': 6.8 to 6.5 is about 4.4% down."""
    text = ("Acme Mining Reports Third Quarter 2024 Results\n\n"
            "As a result, average hosting costs decreased to 6.8 cents per kilowatt hour in the third quarter. In "
            f"October, Acme further reduced hosting costs by an additional {further} to 6.5 cents per kilowatt hour.")
    report, found = findings(text, "growth_matches_values")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("coinvest,status", [("EUR 3.3m", "pass"), ("EUR 6.3m", "fail")])
def test_a_figure_named_as_a_list_adds_up_its_items(coinvest: str, status: str) -> None:
    """'Net sales revenues and co-investment income of EUR 10.6m', then each of the two on its own."""
    text = ("Acme SE reports 9M 2025 results\n\n"
            "Net sales revenues and co-investment income of EUR 10.6m (9M 2024: EUR -4.9m) improved significantly. While "
            "net sales revenues increased to EUR 7.3m (9M 2024: EUR 5.5m) driven by rental revenues from owned "
            f"seed-investments, co-investment income normalised to {coinvest} in 9M 2025 (9M 2024: EUR -10.5m).")
    report, found = findings(text, "parts_sum_to_total")
    assert [f.status for f in found] == [status]


def test_a_respectively_list_is_not_a_sum() -> None:
    """'Revenue and EBITDA were $10.0 million and $2.0 million, respectively': two figures, no sum."""
    text = ("Acme Corp. reports 2024 results\n\nIn 2024, revenue and EBITDA were $10.0 million and $2.0 million, "
            "respectively. In 2024, revenue was $10.0 million. In 2024, EBITDA was $2.0 million.")
    report, found = findings(text, "parts_sum_to_total")
    assert [f.status for f in found if f.status == "fail"] == []


@pytest.mark.parametrize("self_mining,status", [("$20.5 million", "pass"), ("$120.5 million", "fail")])
def test_the_company_s_own_figure_is_the_whole_of_its_segments(self_mining: str, status: str) -> None:
    """'The company reported revenue of $90.3 million': the company's own figure is the total its
    segments fall within; a listed peer's figure ('Riot Platforms Inc (NASDAQ: RIOT) ... Riot
    Platforms generated $170 million in revenue') is no segment of it."""
    text = ("Acme Mining Posts Third Quarter Revenue Growth\n\n"
            "Acme Mining (NASDAQ: ACMI) differs from peers such as Riot Platforms Inc (NASDAQ: RIOT). In the third "
            "quarter of 2024, Riot Platforms generated $170 million in revenue.\n\n"
            "The company reported revenue of $90.3 million for the third quarter of 2024.\n\n"
            f"Revenue from Acme's self-mining business also rose to {self_mining} in the third quarter of 2024.")
    report, found = findings(text, "part_exceeds_whole")
    assert [f.status for f in found] == [status]


@pytest.mark.parametrize("rate,status", [("12%", "pass"), ("22%", "warn")])
def test_growth_against_last_year_s_release(rate: str, status: str) -> None:
    """'Revenue for 2024 was $95.1 million, up 12%' implies 2023 revenue of about $84.9 million,
    which the 2023 release states as $84.6 million."""
    a = finfacts.extract("Acme Corp. reports 2023 results.\n\nRevenue for 2023 was $84.6 million.")
    b = finfacts.extract(f"Acme Corp. reports 2024 results.\n\nRevenue for 2024 was $95.1 million, up {rate} from the "
                         "year before.")
    found = [f for f in finfacts.check([a, b]).findings if f.rule == "growth_across_documents"]
    assert [(f.status, f.document) for f in found] == [(status, 1)]
    assert found[0].spans[0] == (b.text.index("$95.1"), b.text.index("$95.1") + len("$95.1 million"))


@pytest.mark.parametrize("q2,status", [("$24.0 million", "pass"), ("$34.0 million", "warn")])
def test_quarters_of_four_releases_add_up_to_the_year(q2: str, status: str) -> None:
    quarters = [("first", "$20.0 million"), ("second", q2), ("third", "$25.0 million")]
    texts = [f"Acme Corp. reports {q} quarter 2024 results.\n\nRevenue for the {q} quarter of 2024 was {v}."
             for q, v in quarters]
    texts.append("Acme Corp. reports full year 2024 results.\n\nRevenue for the fourth quarter of 2024 was $31.0 "
                 "million. Revenue for the year 2024 was $100.0 million.")
    found = [f for f in finfacts.check([finfacts.extract(t) for t in texts]).findings if f.rule == "period_coherent"]
    assert [(f.status, f.document) for f in found] == [(status, 3)]
    # a year and its quarters inside one release are that release's own rule
    one = finfacts.check(finfacts.extract(texts[3] + " Revenue for the first quarter of 2024 was $20.0 million."))
    assert not any(f.rule == "period_coherent" for f in one.findings)


@pytest.mark.parametrize("share,status", [("38%", "pass"), ("45%", "fail")])
def test_a_share_of_a_whole_stated_twice_fails_only_against_both(share: str, status: str) -> None:
    """Net sales stated as $4.2 billion in the headline and $4.6 billion in the body: '45% of net
    sales' agrees with neither (41.7%, 38.0%); '38%' agrees with the body's. An adjusted figure of
    the metric ('Comparable sales ... $3.9 billion') is no whole of it."""
    text = ("Acme Stores Reports Fiscal 2024 Net Sales of $4.2 Billion\n\n"
            "- Net sales for fiscal 2024 were $4.6 billion, compared with $4.4 billion in fiscal 2023.\n"
            f"- Digital sales grew 12% to $1.75 billion, accounting for {share} of net sales.\n"
            "- Comparable sales declined 5% to $3.9 billion from $4.1 billion.\n")
    report, found = findings(text, "share_of")
    assert [f.status for f in found if f.status == "fail"] == ([] if status == "pass" else ["fail"])


@pytest.mark.parametrize("usd,status", [("US$1.7 billion", "pass"), ("US$1.5 billion", "fail")])
def test_a_stated_exchange_rate_is_respected(usd: str, status: str) -> None:
    """'Translations ... at a rate of RMB7.2993 to US$1.00': each translation is checked against the
    stated rate, not only against the other translations (which RMB2.1 billion (US$0.3 billion),
    rounded coarsely, would let pass)."""
    text = (f"Acme Holdings reports 2024 results.\n\nRevenue was RMB12.3 billion ({usd}) in 2024. Net income was "
            "RMB2.1 billion (US$0.3 billion).\n\nTranslations of RMB amounts into US$ were made at a rate of "
            "RMB7.2993 to US$1.00, the noon buying rate.")
    report, found = findings(text, "translation_consistent")
    assert sorted(f.status for f in found) == (["pass", "pass"] if status == "pass" else ["fail", "pass"])


def test_a_currency_pair_rate_is_read_either_way_round() -> None:
    text = ("Acme Mining reports. Capital costs of C$137.3 million (US$100.0 million) are given in this release, "
            "calculated at CAD/USD exchange rate of 1.3734.")
    report, found = findings(text, "translation_consistent")
    assert [f.status for f in found] == ["pass"]


def test_an_acquired_business_s_figure_is_no_whole_of_the_issuer() -> None:
    """'The business reported revenue of $7.4 million' (the business acquired) is not the issuer's
    total that its segments fall within."""
    text = ("Acme Corp. Completes Acquisition of Widget Works\n\nIn 2024, Acme's cloud segment revenue was $20.0 million. "
            "The business reported revenue of $7.4 million in 2024.")
    report, found = findings(text, "part_exceeds_whole")
    assert [f.status for f in found if f.status == "fail"] == []
