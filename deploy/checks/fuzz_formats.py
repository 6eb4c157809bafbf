"""The string formats the OpenAPI documents declare beyond JSON Schema's own (schemathesis hooks, loaded by
fuzz.py through SCHEMATHESIS_HOOKS): each rule a pattern cannot state, so that "positive data accepted"
draws values the services must accept. Keep each in step with the Swift rule named beside it.

    uscc              Validators.USCC: 18 characters, GB 32100-2015 check character
    uscc-local        a uscc whose registering authority (characters 3-8) is of the city's province (41xxxx)
                      or central (100000): USCC.registeringAuthority(of:mayServe:) on registration
    resident-id       Validators.IDNumber: 17 digits with a real birth date, GB 11643-1999 check character
    strong-password   AccountRules.password: 8-72 characters, three of lower, upper, digits, symbols
    future-date       a date (YYYY-MM-DD) after today in China Standard Time, within the year (plans)
    future-date-time  an RFC 3339 instant at least a day ahead, within the year (membership terms)
    past-month        a month (yyyy-MM, from 2000) before the current one in China Standard Time
                      (filing's reopenings: WindowsController.reopen)

and one keyword: `x-maximum-is-current-year: true` on an integer is `maximum: <this year>` (a form's
"last year's figures"), filled in when schemathesis loads the document.
"""
import datetime

import schemathesis
from hypothesis import strategies as st

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
CHINA = datetime.timezone(datetime.timedelta(hours=8))


def uscc(body):
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def resident_id(region, birth, sequence):
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    total = sum(int(c) * w for c, w in zip(body, ID_WEIGHTS))
    return body + ID_CHECK[total % 11]


def strong_password(parts):
    lower, upper, digits, symbols = parts
    return (lower + upper + digits + symbols)[:72]


schemathesis.openapi.format(
    "uscc", st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17).map(uscc))
schemathesis.openapi.format(
    "uscc-local",
    st.tuples(st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2),
              st.one_of(st.just("100000"), st.from_regex(r"\A41[0-9]{4}\Z")),
              st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9))
    .map(lambda parts: uscc("".join(parts))))
schemathesis.openapi.format(
    "resident-id",
    st.builds(resident_id, st.from_regex(r"\A[1-8][0-9]{5}\Z"),
              st.dates(datetime.date(1930, 1, 1), datetime.date(2008, 12, 31)), st.integers(0, 999)))
schemathesis.openapi.format(
    "strong-password",
    st.tuples(st.text("abcdefghijkmnpqrstuvwxyz", min_size=3, max_size=20),
              st.text("ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=3, max_size=20),
              st.text("0123456789", min_size=2, max_size=20), st.text("!#$%&*+-=?@^_~", max_size=10))
    .map(strong_password))
schemathesis.openapi.format(
    "future-date",
    st.integers(2, 300).map(
        lambda days: (datetime.datetime.now(CHINA).date() + datetime.timedelta(days=days)).isoformat()))
schemathesis.openapi.format(
    "future-date-time",
    st.integers(2, 300).map(
        lambda days: (datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
                      + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")))

schemathesis.openapi.format(
    "past-month",
    st.integers(1, 300).map(lambda back: past_month(datetime.datetime.now(CHINA).date(), back)))


def past_month(today, back):
    index = today.year * 12 + today.month - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def current_year_maxima(node):
    if isinstance(node, dict):
        if node.get("x-maximum-is-current-year") is True:
            node["maximum"] = datetime.datetime.now(CHINA).year
        for value in node.values():
            current_year_maxima(value)
    elif isinstance(node, list):
        for value in node:
            current_year_maxima(value)


@schemathesis.hook
def before_load_schema(context, raw_schema):
    current_year_maxima(raw_schema)
