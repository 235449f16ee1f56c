from wagekit.terminal import printable, shown

ID = "110101199003071233"


def test_escape_sequences_and_c1_controls_are_removed():
    """A note cannot clear the screen, recolour the terminal or rewrite a printed line."""
    note = "\x1b[2J\x1b]0;标题\x07已结案\r覆盖\x9b31m\x7f"
    assert printable(note) == "[2J]0;标题已结案覆盖31m"


def test_tab_newline_and_chinese_text_are_kept():
    """Tabs, newlines and every printable character survive."""
    assert printable("甲\t乙\n丙（¥1,000）") == "甲\t乙\n丙（¥1,000）"


def test_bidirectional_overrides_are_removed():
    """A right-to-left override cannot make one text read as another."""
    assert printable("abc\u202edcba\u2066x\u2069") == "abcdcbax"


def test_shown_masks_ids_unless_unmasked():
    """What a command prints hides ID numbers by default, and only then."""
    assert shown(f"张三{ID}") == "张三110101********1233"
    assert shown(f"张三{ID}", unmasked=True) == f"张三{ID}"


def test_shown_masks_an_id_split_by_a_control_character():
    """Removing a planted escape character cannot rebuild an unmasked ID number."""
    assert shown(f"{ID[:9]}\x1b{ID[9:]}") == "110101********1233"
