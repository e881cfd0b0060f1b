"""corpus.config: kaitei.toml read once, typed, and every wrong value one clear error."""

import dataclasses
import re
import tomllib

import pytest

from corpus.config import ACCENT, Config, Policy, SiteSettings, TableOptions
from corpus.errors import SourceError
from corpus.store import DEFAULT_CONFIG, init, open_corpus

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def parse(text: str) -> Config:
    return Config.parse(tomllib.loads(text))


def test_the_defaults():
    config = Config()
    assert config.policy == Policy(notice_days=None, unfavorable_notice_days=None)
    assert config.table == TableOptions(layout="old-left", old_label=None, new_label=None, title=None, elision="（略）")
    assert config.table.wareki is False
    assert config.site == SiteSettings(publisher="", footer="", accent=ACCENT, logo=None, dates="")
    assert config.site.accent == "#1f4e8c" and not config.site.wareki
    assert parse("") == config


def test_default_config_reads_as_the_defaults():
    assert parse(DEFAULT_CONFIG) == Config()


def test_default_config_examples_read_when_uncommented():
    """Every ``# key = value`` line of DEFAULT_CONFIG is a valid setting as it is written."""
    uncommented = re.sub(r"(?m)^# (\w+ = )", r"\1", DEFAULT_CONFIG)
    assert uncommented != DEFAULT_CONFIG
    config = parse(uncommented)
    assert config.policy == Policy(notice_days=30, unfavorable_notice_days=30)
    assert config.table == TableOptions(old_label="現行", new_label="改正後", elision="（略）")


def test_a_new_corpus_opens_with_the_defaults(tmp_path):
    assert init(tmp_path).config == Config()
    assert open_corpus(tmp_path).config == Config()


def test_every_key():
    config = parse(
        """
        [policy]
        notice_days = 30
        unfavorable_notice_days = 0
        [table]
        layout = "new-left"
        old_label = "旧"
        new_label = "新"
        title = "新旧対照表"
        elision = "(省略)"
        [site]
        publisher = "株式会社サンプル"
        footer = "© 2025"
        accent = "rgb(10, 20, 30)"
        logo = "logo.svg"
        dates = "wareki"
        """
    )
    assert config.policy == Policy(30, 0)
    assert config.table == TableOptions("new-left", "旧", "新", "新旧対照表", "(省略)")
    assert config.site == SiteSettings("株式会社サンプル", "© 2025", "rgb(10, 20, 30)", "logo.svg", "wareki")
    assert config.site.wareki
    assert parse('[site]\nlogo = ""\n').site.logo is None  # no logo


def test_the_error_message_names_file_table_key_and_value():
    with pytest.raises(SourceError) as e:
        parse('[policy]\nnotice_days = "30"\n')
    assert str(e.value) == (
        'kaitei.toml [policy] notice_days = "30": must be a whole number of days (日数は整数で指定してください)'
    )


BAD = [
    ('[policy]\nnotice_days = "30"', '[policy] notice_days = "30": must be a whole number of days'),
    ("[policy]\nnotice_days = -1", "[policy] notice_days = -1: must be 0 or more days"),
    ("[policy]\nnotice_days = 30.0", "[policy] notice_days = 30.0: must be a whole number of days"),
    ("[policy]\nnotice_days = true", "[policy] notice_days = true: must be a whole number of days"),
    ("[policy]\nnotice_days = [30]", "[policy] notice_days = [30]: must be a whole number of days"),
    ("[policy]\nnotice_days = 2025-10-01", "[policy] notice_days = 2025-10-01: must be a whole number"),
    ("[policy]\nnotice_days = 100000", "[policy] notice_days = 100000: must be at most 3650 days"),
    ("[policy]\nunfavorable_notice_days = false", "[policy] unfavorable_notice_days = false: must be a whole number"),
    ('[table]\nlayout = "left"', '[table] layout = "left": must be "old-left" or "new-left"'),
    ("[table]\nlayout = 1", "[table] layout = 1: must be a string in quotes"),
    ("[table]\nold_label = 3", "[table] old_label = 3: must be a string in quotes"),
    ("[table]\nnew_label = true", "[table] new_label = true: must be a string in quotes"),
    ('[table]\ntitle = ["a", "b"]', '[table] title = ["a", "b"]: must be a string in quotes'),
    ("[table]\nelision = {a = 1}", "[table] elision = {a = 1}: must be a string in quotes"),
    ("[table]\nwareki = true", "[table] wareki: unknown key"),  # the site's dates decide 和暦
    ('[site]\naccent = "red;} body{display:none"', '[site] accent = "red;} body{display:none": not a CSS colour'),
    ("[site]\naccent = 5", "[site] accent = 5: must be a string in quotes"),
    ('[site]\ndates = "showa"', '[site] dates = "showa": must be "wareki"'),
    ("[site]\nlogo = 1", "[site] logo = 1: must be a string in quotes"),
    ("[site]\npublisher = 1", "[site] publisher = 1: must be a string in quotes"),
    ("[site]\nfooter = 1", "[site] footer = 1: must be a string in quotes"),
    ("[policy]\nnotice_dayz = 30", "[policy] notice_dayz: unknown key — did you mean notice_days?"),
    ("[table]\ncolour = 1", "[table] colour: unknown key (不明なキーです; [table] takes layout, old_label"),
    ("[policy.strict]\nnotice_days = 30", "[policy] strict: unknown key"),
    ("[polcy]\nnotice_days = 30", "[polcy]: unknown table — did you mean [policy]?"),
    ("[publish]\nx = 1", "[publish]: unknown table (不明な表です; kaitei.toml has [policy], [table], [site])"),
    ("notice_days = 30", "notice_days = 30: not in a table: put it under [policy]"),
    ('layout = "new-left"', 'layout = "new-left": not in a table: put it under [table]'),
    ("colour = 1", "colour: unknown key"),
    ("policy = 30", "policy = 30: must be a table: write [policy] on a line of its own"),
    ('[table]\nlayout = "' + "長" * 100 + '"', '[table] layout = "' + "長" * 58 + '…: must be "old-left"'),
]


@pytest.mark.parametrize("text, message", BAD, ids=[b[1].split(":")[0] for b in BAD])
def test_a_wrong_setting_is_one_clear_error(text, message):
    with pytest.raises(SourceError) as e:
        parse(text)
    got = str(e.value)
    assert got.startswith("kaitei.toml ") and message in got
    assert JAPANESE.search(got), got  # in Japanese too
    assert "\n" not in got


def test_the_first_wrong_key_in_the_file_is_reported():
    with pytest.raises(SourceError, match="layout"):
        parse('[table]\nlayout = "left"\n[policy]\nnotice_days = "30"\n')


def test_load_names_the_file(tmp_path):
    path = tmp_path / "kaitei.toml"
    path.write_text("[policy]\nnotice_days = -3\n", encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(f"{path} [policy] notice_days = -3: must be 0 or more days")):
        Config.load(path)
    path.write_text("[policy\n", encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(f"{path}: cannot read")):
        Config.load(path)
    path.write_bytes(b"[site]\npublisher = '\x82\xa0'\n")  # Shift_JIS
    with pytest.raises(SourceError, match=re.escape(f"{path}: cannot read")):
        Config.load(path)
    path.write_text("[policy]\nnotice_days = 14\n", encoding="utf-8")
    assert Config.load(path).policy.notice_days == 14


def test_open_corpus_refuses_a_wrong_kaitei_toml(tmp_path):
    init(tmp_path)
    (tmp_path / "kaitei.toml").write_text("[polcy]\nnotice_days = 30\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"kaitei\.toml \[polcy\]: unknown table"):
        open_corpus(tmp_path)


def test_the_dataclasses_check_what_they_are_given():
    with pytest.raises(ValueError, match="unknown layout 'left'"):
        TableOptions(layout="left")
    with pytest.raises(ValueError, match="not a CSS colour"):
        SiteSettings(accent="red;}")
    with pytest.raises(ValueError, match="dates"):
        SiteSettings(dates="showa")
    options = dataclasses.replace(TableOptions(), layout="new-left", wareki=True)
    assert options.layout == "new-left" and options.wareki
    with pytest.raises(ValueError):
        dataclasses.replace(options, layout="right")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.layout = "old-left"  # shared by every table of a corpus: changed only by replace()
