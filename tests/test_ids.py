import pandas as pd
import pytest
from pandas.testing import assert_series_equal

from wagekit.ids import mask_frame, mask_id_numbers_in_text, valid_id_number

ID = "110101199003071233"  # a valid check digit
ID_X = "11010119900307451X"
BAD_CHECK = "110101199003071234"


def test_valid_and_invalid_check_digits_are_both_masked():
    """Masking does not depend on the check digit: a mistyped ID shows a birth date too."""
    assert valid_id_number(pd.Series([ID, BAD_CHECK])).tolist() == [True, False]
    assert mask_id_numbers_in_text(ID) == "110101********1233"
    assert mask_id_numbers_in_text(BAD_CHECK) == "110101********1234"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ID, "110101********1233"),
        (f"{ID}张三", "110101********1233张三"),
        (f"张三{ID}", "张三110101********1233"),
        (f"工人张三（身份证{ID}）反映欠薪", "工人张三（身份证110101********1233）反映欠薪"),
        (f"{ID},张三,XM-1\n{ID}", "110101********1233,张三,XM-1\n110101********1233"),
        (f"sfz{ID}abc", "sfz110101********1233abc"),
    ],
)
def test_id_numbers_are_masked_at_text_edges_and_inside_chinese(text, expected):
    """An ID number keeps its first 6 and last 4 characters wherever it stands in the text."""
    assert mask_id_numbers_in_text(text) == expected


def test_id_number_ending_in_x_is_masked_whole():
    """The check character X (either case, or full-width) is kept as one of the last four."""
    assert mask_id_numbers_in_text(f"{ID_X}号") == "110101********451X号"
    assert mask_id_numbers_in_text(ID_X.lower()) == "110101********451x"


def test_full_width_digits_are_masked():
    """An ID typed with full-width digits is hidden like one typed with ASCII digits."""
    full = ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert mask_id_numbers_in_text(full) == full[:6] + "********" + full[-4:]


def test_bank_accounts_are_masked_plain_or_grouped():
    """Card and account numbers (15 digits or more), also in groups of four, are hidden."""
    assert mask_id_numbers_in_text("卡号6222020200001234567") == "卡号622202*********4567"
    assert mask_id_numbers_in_text("卡号 6222 0202 0000 1234 567。") == (
        "卡号 6222 02** **** ***4 567。"
    )


@pytest.mark.parametrize(
    "text",
    [
        "XM2023-0001",
        "QX2023-0012 于2023-12-01 12:30 结案，追回 29460.00 元",
        "电话 13800138000",
        "12345678901234",  # 14 digits: below an ID number or a card
        "91511623MA2QUXBH7L",  # a credit code with letters
        "110101********1233",  # already masked
    ],
)
def test_short_numbers_and_codes_are_left_alone(text):
    """Case and project numbers, dates, amounts and phone numbers are not numbers to hide."""
    assert mask_id_numbers_in_text(text) == text


def test_a_letter_x_after_another_number_is_not_taken_as_a_check_character():
    """Only an 18-character ID number ends in X; after 16 digits the X is ordinary text."""
    assert mask_id_numbers_in_text("6222020200001234X") == "622202******1234X"


def test_series_is_masked_cell_by_cell_and_keeps_missing_values():
    """A Series comes back as text with every long number hidden and missing values kept."""
    masked = mask_id_numbers_in_text(
        pd.Series([f"张三（{ID}）", "甲建公司", None, int(ID)], index=[3, 5, 7, 9], dtype=object)
    )
    expected = pd.Series(
        ["张三（110101********1233）", "甲建公司", None, "110101********1233"],
        index=[3, 5, 7, 9],
        dtype="string",
    )
    assert_series_equal(masked, expected)


def test_mask_frame_masks_text_columns_but_not_identifiers():
    """A note loses the ID number's middle; case numbers, amounts and gaps stay as they are."""
    frame = pd.DataFrame(
        {
            "case_id": ["AJ-110101199003071233"],
            "note": [f"工人身份证{ID}"],
            "amount": [1200.5],
            "other": [None],
        }
    )
    masked = mask_frame(frame)
    assert masked.loc[0, "case_id"] == "AJ-110101199003071233"
    assert masked.loc[0, "note"] == "工人身份证110101********1233"
    assert masked.loc[0, "amount"] == 1200.5
    assert masked.loc[0, "other"] is None
    assert frame.loc[0, "note"] == f"工人身份证{ID}"  # the original is left unmasked
