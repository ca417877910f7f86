"""Stale wording for the plan year: every rule family, its guards, the seeds, user rules."""

from __future__ import annotations

import pytest

from drafter.checks.paragraphs import plan_paragraphs
from drafter.checks.rules import load_rules
from drafter.checks.stale import check_plan, check_text
from drafter.errors import DrafterError


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    """The shipped rules only: the user folders point at an empty temp folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(tmp_path_factory.mktemp("home")))
        return load_rules()


def rule_ids(text: str, year: int, rules) -> list[str]:
    """Ids of the rules that fire on a text for a plan year."""
    return [f.rule for f in check_text(text, year, rules)]


# (family, text, stale year, rule id, a year in which the same text is current).
FAMILIES = [
    ("meetings", "全面贯彻党的十九大和十九届历次全会精神", 2023, "congress-19-spirit", 2022),
    ("meetings", "以优异成绩迎接党的二十大胜利召开", 2023, "congress-20-welcome", 2022),
    ("meetings", "深入学习贯彻第十四次全国民政会议精神", 2025, "minzheng-conference-14", 2024),
    ("meetings", "以优异成绩迎接党的二十一大胜利召开", 2028, "congress-21-welcome", 2027),
    ("meetings", "深入学习贯彻党的二十大和二十届三中全会精神", 2026, "plenum-20-listing", 2025),
    ("five_year_plans", "确保完成“十四五”规划目标任务", 2026, "fyp-14-forward", 2025),
    ("five_year_plans", "科学谋划“十五五”民政事业发展", 2026, "fyp-15-planning", 2025),
    ("five_year_plans", "开展全区民政事业“十四五”规划编制工作", 2021, "fyp-14-planning", 2020),
    ("covid", "统筹推进民政领域新冠肺炎疫情防控", 2023, "covid-name", 2022),
    ("covid", "做好民政服务机构常态化疫情防控", 2023, "covid-normalized", 2022),
    ("covid", "坚决守住“零感染”底线", 2023, "covid-zero", 2022),
    ("covid", "筑牢“外防输入、内防反弹”防线", 2023, "covid-inbound", 2022),
    ("covid", "同步做好定期核酸检测", 2023, "covid-measures", 2022),
    ("covid", "持续做好机场入境人员转运，严格落实闭环管理措施", 2023, "covid-lockdown", 2022),
    ("covid", "坚持疫情防控动态清零总方针", 2023, "covid-dynamic-zero", 2022),
    ("poverty", "坚决打赢脱贫攻坚战", 2021, "poverty-battle", 2020),
    ("poverty", "保持过渡期内社会救助兜底政策总体稳定", 2026, "poverty-transition", 2025),
    ("campaigns", "扎实开展党史学习教育", 2022, "campaign-party-history", 2021),
    ("campaigns", "扎实开展主题教育", 2025, "campaign-theme-education", 2023),
    ("campaigns", "推进安全生产专项整治三年行动", 2023, "campaign-safety-three-years", 2022),
    ("reforms", "深化婚姻登记“跨省通办”试点", 2026, "reform-marriage-trial", 2025),
    ("reforms", "宣传贯彻落实新修订的地名管理条例", 2024, "reform-place-names-revised", 2023),
    ("reforms", "加强城乡社区工作者队伍建设", 2024, "reform-social-work-department", 2023),
    ("action_plans", "持续实施《培育发展社区社会组织专项行动方案(2021—2023年)》", 2024,
     "action-plan-ended", 2023),
    ("action_plans", "深入实施《专项行动方案(2021-2023)》", 2024, "action-plan-ended", 2023),
    ("action_plans", "落实《养老服务设施规划》(2021~2023年)", 2024, "action-plan-ended-after-title",
     2023),
    ("dates", "2023年是全面贯彻党的二十大精神的开局之年", 2024, "year-claim", 2023),
    ("dates", "力争到2025年实现全覆盖", 2026, "deadline-by", 2025),
    ("dates", "2022年底前完成婚姻档案电子化", 2023, "deadline-before", 2022),
    ("dates", "做好2022年元旦春节期间帮困送温暖工作", 2023, "last-year-event", 2022),
    ("dates", "2022年拟将城乡低保标准提高", 2023, "earlier-year", 2022),
]


@pytest.mark.parametrize(("family", "text", "stale", "rule", "current"), FAMILIES)
def test_rule_families(rules, family, text, stale, rule, current):
    """Each family's wording is flagged in a year it is stale and not in a year it is current."""
    assert rule in rule_ids(text, stale, rules)
    assert rule not in rule_ids(text, current, rules)
    assert next(r for r in rules if r.id == rule).family == family


# (text, year): wording that looks stale but is not.
GUARDS = [
    ("常态化开展安全隐患排查整治和应急演练", 2024),
    ("实现落户安置对象未享有社会救助保障政策等问题及时动态清零", 2023),
    ("落实安全隐患治理“日排查日报告日整治日清零”", 2024),
    ("加强养老机构封控区域消防管理", 2024),
    ("党的十九大以来，民政事业取得长足发展", 2024),
    ("截至2022年底，全区共有养老机构30家", 2024),
    ("养老床位数比2022年增长10%", 2024),
    ("贯彻落实《关于进一步加强事实无人抚养儿童保障工作的实施意见》(鄂民政发〔2019〕17号)", 2024),
    ("认真学习《2022年度民政事业发展统计公报》", 2024),
    ("编制《殡葬服务设施国土空间专项规划(2021-2035年)》", 2024),
    ("总结评估“十四五”期间民政事业发展成效", 2026),
    ("巩固深化“不忘初心、牢记使命”主题教育成果", 2020),
    ("严格落实中央八项规定精神", 2027),
]


@pytest.mark.parametrize(("text", "year"), GUARDS)
def test_guards(rules, text, year):
    """Guards keep look-alikes quiet: bare 常态化, 隐患动态清零, 以来, 截至, 文号, titles."""
    assert check_text(text, year, rules) == []


def test_longest_hit_wins(rules):
    """Overlapping rules report the more specific wording once."""
    findings = check_text("做好民政服务机构常态化疫情防控工作", 2024, rules)
    assert [f.rule for f in findings] == ["covid-normalized"]


def test_finding_fields(rules):
    """A finding carries code, severity, Chinese message with the year filled, and span."""
    text = "全面贯彻党的十九大和十九届历次全会精神"
    (f,) = check_text(text, 2027, rules, section="总体要求", item="（一）", item_id="p#1.1")
    assert (f.code, f.severity, f.section, f.item, f.item_id) == (
        "stale-term", "error", "总体要求", "（一）", "p#1.1")
    assert "2027" in f.message and "{" not in f.message
    assert text[f.span[0]:f.span[1]] == f.evidence


def test_seed_000_as_2027(seed_plans, rules):
    """Seed 000 (2022) checked as a 2027 draft flags its 2022-era wording."""
    fired = {f.rule for f in check_plan(seed_plans[0], 2027, rules)}
    assert {"title-year", "congress-19-spirit", "congress-20-welcome", "covid-normalized",
            "covid-zero", "poverty-transition", "action-plan-ended", "reform-marriage-trial",
            "last-year-event", "campaign-safety-three-years"} <= fired


def test_seed_001_as_2023_has_no_false_alarm(seed_plans, rules):
    """Seed 001 (a real 2023 plan) raises nothing: not 隐患动态清零, not 二十大."""
    assert check_plan(seed_plans[1], 2023, rules) == []


@pytest.mark.parametrize("n", range(5))
def test_seeds_clean_in_their_own_year(seed_plans, rules, n):
    """Each real plan checked as its own year raises no stale wording."""
    plan = seed_plans[n]
    assert check_plan(plan, plan.meta.year, rules) == []


def test_every_family_ships(rules):
    """The shipped rule files cover each family of domain.md §4."""
    assert set(rules.families()) >= {"meetings", "five_year_plans", "covid", "poverty",
                                     "campaigns", "reforms", "action_plans", "dates"}


def test_user_rule_file_is_read(home, rules):
    """A rule file in the user's config folder adds rules and can switch shipped ones off."""
    folder = home / "config" / "rules"
    folder.mkdir(parents=True)
    (folder / "office.toml").write_text(
        '[[rule]]\nid = "local-slogan"\npattern = \'三城同创\'\nvalid_until = 2023\n'
        'message = "“三城同创”已于2023年收官。"\n\n'
        '[[rule]]\nid = "covid-zero"\nenabled = false\n', encoding="utf-8")
    mine = load_rules()
    assert len(mine) == len(rules)
    assert [f.rule for f in check_text("深入推进三城同创，守住零感染底线", 2024, mine)] == [
        "local-slogan"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('[[rule]]\nid = "office-x"\npattern = \'(\'\nmessage = "m"\n', "正则"),
        ('[[rule]]\nid = "office-x"\npattern = \'a\'\n', "message"),
        ('[[rule]]\nid = "office-x"\ntype = "past-year"\npattern = \'a\'\nmessage = "m"\n',
         "(?P<year>"),
        ('[[rule]]\nid = "office-x"\ntype = "past-year"\npattern = \'(?P<year>(20\\d{2})\'\n'
         'message = "m"\n', "正则"),
        ('[[rule]]\nid = "office-x"\ntype = "range"\npattern = \'(?P<year>20\\d{2})\'\n'
         'message = "m"\n', "(?P<end>"),
        ('[[rule]]\nid = "office-x"\npattern = \'a\'\nmessage = "m"\nvalid_until = "2023"\n',
         "年份"),
        ('[[rule]]\nid = "office-x"\npattern = \'a\'\nguard = \'[\'\nmessage = "m"\n', "guard"),
    ],
)
def test_bad_rule(tmp_path, home, body, words):
    """A broken rule stops loading with one Chinese sentence naming the file and the rule id."""
    (tmp_path / "bad.toml").write_text(body, encoding="utf-8")
    with pytest.raises(DrafterError) as info:
        load_rules([tmp_path])
    message = info.value.message
    assert "bad.toml" in message and "office-x" in message and words in message
    assert "\n" not in message


def test_broken_toml_rule_file(tmp_path, home):
    """A rule file that is not TOML stops with one Chinese sentence naming the file."""
    (tmp_path / "bad.toml").write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(DrafterError) as info:
        load_rules([tmp_path])
    assert "bad.toml" in info.value.message and "格式有误" in info.value.message


@pytest.mark.parametrize(
    ("name", "make"),
    [("无此文件夹", lambda p: None),
     ("rules.toml", lambda p: p.write_text("", encoding="utf-8"))],
)
def test_extra_rule_folder_must_exist(tmp_path, home, name, make):
    """A --rules folder that is missing, or is a file, is an error naming it, not ignored."""
    path = tmp_path / name
    make(path)
    with pytest.raises(DrafterError) as info:
        load_rules([path])
    assert name in info.value.message


# (type, pattern, text, spans of the stale hits in a 2023 plan): the named year group may
# catch words, or nothing at all; only four-digit years are compared.
YEAR_GROUP_RULES = [
    ("past-year", "(?P<year>民政)", "做好2022年全区民政工作", []),
    ("past-year", "(?P<year>20\\d{2}|民政)工作", "做好民政工作和2022工作", ["2022工作"]),
    ("past-year", "(?P<year>\\d+)届", "22届、2022届、20221届", ["2022届"]),
    ("past-year", "(?:(?P<year>20\\d{2})年)?民政工作要点", "民政工作要点", []),
    ("range", "(?P<start>20\\d{2})—(?P<end>\\w+)年", "2021—今年、2021—2022年", ["2021—2022年"]),
]


@pytest.mark.parametrize(("kind", "pattern", "text", "evidence"), YEAR_GROUP_RULES)
def test_year_group_that_catches_words(tmp_path, home, kind, pattern, text, evidence):
    """A user rule whose year group catches words or nothing skips those hits, never crashes."""
    (tmp_path / "office.toml").write_text(
        f'[[rule]]\nid = "office-year"\ntype = "{kind}"\npattern = \'{pattern}\'\n'
        'message = "m"\nskip_titles = false\n', encoding="utf-8")
    rules = load_rules([tmp_path])
    found = [f.evidence for f in check_text(text, 2023, rules) if f.rule == "office-year"]
    assert found == evidence


def test_bad_year_rule_on_seed(tmp_path, home, seed_plans, rules):
    """Seed 000 (涪陵 2022) as 2023 with a rule catching 民政 as its year: the same findings."""
    (tmp_path / "office.toml").write_text(
        '[[rule]]\nid = "office-year"\ntype = "past-year"\npattern = \'(?P<year>民政)\'\n'
        'message = "m"\n', encoding="utf-8")
    mine = load_rules([tmp_path])
    assert len(mine) == len(rules) + 1
    assert check_plan(seed_plans[0], 2023, mine) == check_plan(seed_plans[0], 2023, rules)


@pytest.mark.parametrize("n", range(5))
def test_plan_paragraphs(seed_plans, n):
    """One paragraph walk for every check: titles=True adds each section title before its body."""
    plan = seed_plans[n]
    bare = list(plan_paragraphs(plan, titles=False))
    full = list(plan_paragraphs(plan, titles=True))
    title_rows = [(s.title, s.title, "", "") for s in plan.sections]
    assert [row for row in full if row not in title_rows] == bare
    assert [row for row in full if row in title_rows] == title_rows
    assert len(bare) == (len(plan.preamble) + len(plan.closing)
                         + sum(len(s.intro) + len(s.items) for s in plan.sections))
    assert [row[:3] for row in bare if row[2]] == [
        (it.text, s.title, it.label) for _si, _ii, s, it in plan.iter_items() if it.label]


def test_stale_sees_section_titles_structure_does_not(seed_plans, rules):
    """Seed 004's section title 打赢…新冠肺炎疫情防控阻击战 is stale wording in 2023 (title kept),
    while the form checks walk items and paragraphs only."""
    plan = seed_plans[4]
    title = "坚决打赢民政领域新冠肺炎疫情防控阻击战"
    on_title = [f for f in check_plan(plan, 2023, rules) if f.section == title and not f.item]
    assert {f.rule for f in on_title} >= {"covid-name", "covid-battle"}
    assert all(f.evidence in title for f in on_title)
    assert title not in [row[0] for row in plan_paragraphs(plan, titles=False)]


def test_notice_left_with_last_years_meeting(home):
    """A draft copied forward keeps the notice's 已经局党组2022年…审议通过: flagged as a past year."""
    from drafter.checks import run_checks
    from drafter.draft import new_draft
    from drafter.library import Library

    draft = new_draft(Library.open().get("重庆市涪陵区民政局/2022"), 2027)
    assert any("2022年" in p for p in draft.meta.notice)
    findings = [f for f in run_checks(draft, year=2027).findings if f.section == "印发通知"]
    assert findings and all(f.code.startswith("stale") for f in findings)
    assert any("2022" in f.evidence for f in findings)
