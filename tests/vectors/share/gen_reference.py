#!/usr/bin/env python3
"""Independent reference for the share-code golden vectors (SPEC 9).

This script re-implements the version-1 format of docs/share-code.md from
the document alone, with Python's big integers and hmac/hashlib modules —
it shares no code with the Rust crate — and writes every vector file in
this directory (NNN-name.json). Expected codes and decoded fields come from
this reference; expected errors are written by hand below, from SPEC 9 and
the doc. Run it from anywhere:

    python3 tests/vectors/share/gen_reference.py          # (re)write the files
    python3 tests/vectors/share/gen_reference.py --check  # compare, write nothing

The Rust test (tests/share_code.rs) then checks that the crate agrees with
every file, byte for byte.
"""

import hashlib
import hmac
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
PRIME = 3833                       # largest prime below 62 * 62
EPOCH_MS = 1577836800000           # 2020-01-01T00:00:00Z
HOUR_MS = 3600000
MAX_TIME_MS = 2 ** 53 - 1
PAGES = ["item", "shop", "activity", "invite", "home"]
CHANNELS = ["group", "moments", "private", "poster", "qr"]
MAC_DOMAIN = b"sharecart share code\n"
TAG_BYTES = 5
TAG_CHARS = 7
FIELD_ORDER = ["page", "targetId", "promoterId", "groupId", "channel",
               "campaignId", "couponId", "issuedAt"]

KEY16 = "000102030405060708090a0b0c0d0e0f"
KEY32 = hashlib.sha256(b"sharecart share-code vectors, key of 32 bytes").hexdigest()
KEY64 = hashlib.sha512(b"sharecart share-code vectors, key of 64 bytes").hexdigest().upper()
OTHER_KEY = hashlib.sha256(b"some other server key").hexdigest()


def to62(n, width=1):
    digits = []
    while True:
        n, r = divmod(n, 62)
        digits.append(ALPHABET[r])
        if n == 0:
            break
    return "".join(reversed(digits)).rjust(width, "0")


def from62(text):
    n = 0
    for c in text:
        n = n * 62 + ALPHABET.index(c)
    return n


def with_check(prefix):
    """Append the two check characters: the whole code, read in base 62,
    becomes a multiple of PRIME."""
    v = (-from62(prefix) * 62 * 62) % PRIME
    return prefix + ALPHABET[v // 62] + ALPHABET[v % 62]


def id_digits_and_offset(text):
    """(digit count - 1, radix 20) then (value - smallest value of that
    length, radix = how many values have that length)."""
    d = len(text)
    low = 0 if d == 1 else 10 ** (d - 1)
    radix = 10 if d == 1 else 9 * 10 ** (d - 1)
    return [(d - 1, 20), (int(text) - low, radix)]


def reference_encode(fields, key_hex=None):
    page = PAGES.index(fields["page"])
    channel = CHANNELS.index(fields["channel"])
    flags = (1 if fields.get("groupId") is not None else 0) \
        + (2 if fields.get("campaignId") is not None else 0) \
        + (4 if fields.get("couponId") is not None else 0)
    # Mixed-radix digits, least significant first.
    digits = [(page + 5 * channel + 25 * flags, 200)]
    for name in ["targetId", "promoterId", "groupId", "campaignId", "couponId"]:
        if fields.get(name) is not None:
            digits += id_digits_and_offset(fields[name])
    n = (fields["issuedAt"] - EPOCH_MS) // HOUR_MS   # the top, unbounded digit
    for value, radix in reversed(digits):
        assert 0 <= value < radix
        n = n * radix + value
    signed = key_hex is not None
    code = ALPHABET[2 * 1 + (1 if signed else 0)] + to62(n)
    if signed:
        mac = hmac.new(bytes.fromhex(key_hex), MAC_DOMAIN + code.encode(), hashlib.sha256)
        code += to62(int.from_bytes(mac.digest()[:TAG_BYTES], "big"), TAG_CHARS)
    return with_check(code)


def floored(fields):
    out = {}
    for name in FIELD_ORDER:
        if fields.get(name) is not None:
            out[name] = fields[name]
    out["issuedAt"] = EPOCH_MS + (fields["issuedAt"] - EPOCH_MS) // HOUR_MS * HOUR_MS
    return out


def result(fields, signed, verified):
    return {"fields": floored(fields), "signed": signed, "verified": verified}


def percent_encode(text):
    """encodeURIComponent for ASCII text."""
    safe = set(ALPHABET + "-_.!~*'()")
    return "".join(c if c in safe else "%%%02X" % ord(c) for c in text)


# --- fields used below -------------------------------------------------

SPEC_EXAMPLE = {"page": "item", "targetId": "100012345678", "promoterId": "1234567890",
                "groupId": "2000000001", "channel": "group", "campaignId": "77",
                "couponId": "5001", "issuedAt": 1764000000000}
BUDGET = {"page": "item", "targetId": "100012345678", "promoterId": "1234567890",
          "channel": "group", "issuedAt": 1764000000000}
BUDGET_MAX = {"page": "item", "targetId": "999999999999", "promoterId": "9999999999",
              "channel": "qr", "issuedAt": 1764000000000}
BUDGET_GROUP = dict(BUDGET, groupId="2000000001")
BUDGET_GROUP_MAX = dict(BUDGET_MAX, groupId="9999999999")
MAX20 = "99999999999999999999"


def f(**kw):
    base = {"page": "item", "targetId": "100012345678", "promoterId": "1234567890",
            "channel": "group", "issuedAt": 1764000000000}
    base.update(kw)
    return {k: base[k] for k in FIELD_ORDER if k in base}


def without(fields, *names):
    return {k: v for k, v in fields.items() if k not in names}


CASES = []


def enc(name, description, fields, options=None, error=None, text=None):
    case = {"description": description, "op": "encode"}
    if text is not None:
        case["text"] = text
    else:
        case["fields"] = fields
        if options is not None:
            case["options"] = options
    if error is not None:
        case["error"] = {"code": error[0], "path": error[1]}
    else:
        key = (options or {}).get("key")
        case["code"] = reference_encode(fields, key)
        limit = (options or {}).get("maxLength") or 32
        assert len(case["code"]) <= limit, (name, case["code"], limit)
    CASES.append((name, case))
    return case.get("code")


def dec(name, description, input_text, options=None, expect=None, error=None, text=None):
    case = {"description": description, "op": "decode"}
    if text is not None:
        case["text"] = text
    else:
        case["input"] = input_text
        if options is not None:
            case["options"] = options
    if error is not None:
        case["error"] = {"code": error[0], "path": error[1]}
    else:
        case["result"] = expect
    CASES.append((name, case))


def build():
    # ---- encode: budget cases (SPEC 9) ----
    budget = enc("budget-unsigned", "Budget: item + 12-digit sku + 10-digit promoter + channel + "
                 "issue hour, unsigned: 21 characters (budget 24).", BUDGET)
    assert len(budget) == 21
    budget_max = enc("budget-unsigned-max", "Budget with the largest 12-digit sku, 10-digit promoter "
                     "and the last channel (qr): still 21 characters.", BUDGET_MAX)
    assert len(budget_max) == 21
    budget_signed = enc("budget-signed", "Budget case signed with a 16-byte key: 21 + 7 tag = 28 "
                        "characters (budget 32).", BUDGET, {"key": KEY16})
    assert len(budget_signed) == 28
    budget_signed_max = enc("budget-signed-max", "Largest budget ids, signed with a 32-byte key: "
                            "28 characters.", BUDGET_MAX, {"key": KEY32})
    assert len(budget_signed_max) == 28
    budget_group = enc("budget-group-unsigned", "Budget + 10-digit group id, unsigned: 27 "
                       "characters (budget 32).", BUDGET_GROUP)
    assert len(budget_group) == 27
    budget_group_max = enc("budget-group-unsigned-max", "Largest budget ids + group 9999999999 "
                           "(issued 2025-11-24): 27 characters.", BUDGET_GROUP_MAX)
    assert len(budget_group_max) == 27
    enc("budget-group-signed-too-long", "Budget + group id signed is 34 characters: tooLong at the "
        "default maxLength 32 (no field is dropped).", BUDGET_GROUP, {"key": KEY16},
        error=("tooLong", ""))
    enc("budget-group-signed-maxlength", "The same with maxLength 34: accepted, 34 characters "
        "(for H5 links, not a scene).", BUDGET_GROUP, {"key": KEY16, "maxLength": 34})
    enc("budget-maxlength-exact", "maxLength equal to the length (21) is accepted.", BUDGET,
        {"maxLength": 21})
    enc("budget-maxlength-short", "maxLength 20 for a 21-character code: tooLong.", BUDGET,
        {"maxLength": 20}, error=("tooLong", ""))

    # ---- encode: SPEC example, pages, channels ----
    spec = enc("spec-example", "The SPEC 9 example (every field): 32 characters, exactly the "
               "default maxLength.", SPEC_EXAMPLE)
    assert len(spec) == 32
    enc("spec-example-signed-too-long", "The SPEC 9 example signed would be 39 characters: tooLong.",
        SPEC_EXAMPLE, {"key": KEY16}, error=("tooLong", ""))
    spec_signed = enc("spec-example-signed-64-byte-key", "The SPEC 9 example signed with a 64-byte "
                      "key written in upper-case hex, maxLength 64.", SPEC_EXAMPLE,
                      {"key": KEY64, "maxLength": 64})
    for page in ["shop", "activity", "invite"]:
        enc("page-" + page, "Page %s carries its target id." % page,
            f(page=page, targetId="30001"))
    home = enc("page-home", "Page home has no targetId.", without(f(page="home"), "targetId"))
    for channel in ["moments", "private", "poster", "qr"]:
        enc("channel-" + channel, "Channel %s." % channel, f(channel=channel))
    smallest = enc("smallest", "Smallest fields: home, promoter \"0\", group channel, issuedAt "
                   "2020-01-01T00:00Z (hour 0): 4 characters, the shortest code.",
                   {"page": "home", "promoterId": "0", "channel": "group", "issuedAt": EPOCH_MS})
    assert len(smallest) == 4
    largest = enc("largest", "Every id 99999999999999999999 (20 digits, 67 bits), issuedAt "
                  "2^53 - 1, signed: within maxLength 128.",
                  {"page": "invite", "targetId": MAX20, "promoterId": MAX20, "groupId": MAX20,
                   "channel": "qr", "campaignId": MAX20, "couponId": MAX20,
                   "issuedAt": MAX_TIME_MS}, {"key": KEY32, "maxLength": 128})
    mid = enc("issued-mid-hour", "issuedAt 2025-11-24T16:30:00.123Z is stored as its hour: the "
              "same code as budget-unsigned.", f(issuedAt=1764001800123))
    assert mid == budget
    enc("null-is-absent", "null optional fields and options mean absent; unknown keys are "
        "ignored: the same code as budget-unsigned.",
        dict(BUDGET, groupId=None, campaignId=None, couponId=None, note="ignored"),
        {"key": None, "maxLength": None, "color": "red"})
    enc("one-digit-ids", "One-digit ids (0 and 9) and a campaign only.",
        f(targetId="9", promoterId="0", campaignId="0"))
    enc("coupon-only", "Coupon without campaign or group.", f(couponId="5001"))

    # ---- encode: errors ----
    enc("err-fields-missing", "No fields: invalidField at fields.", None, error=("invalidField", "fields"),
        text='{"options":{}}')
    enc("err-fields-not-object", "fields must be an object.", None,
        error=("invalidField", "fields"), text='{"fields":[1]}')
    enc("err-root-not-object", "The document must be an object: invalidType at the root.", None,
        error=("invalidType", ""), text='[{"fields":{}}]')
    enc("err-not-json", "Not JSON: invalidJson.", None, error=("invalidJson", ""), text='{"fields":')
    enc("err-repeated-key", "A repeated key is invalidJson (the project's one reader).", None,
        error=("invalidJson", ""),
        text='{"fields":{"page":"item","page":"shop","targetId":"1","promoterId":"1",'
             '"channel":"qr","issuedAt":1764000000000}}')
    enc("err-page-missing", "page is required.", without(BUDGET, "page"),
        error=("invalidField", "fields.page"))
    enc("err-page-unknown", "page must be one of the five.", f(page="cart"),
        error=("invalidField", "fields.page"))
    enc("err-target-missing", "targetId is required for item.", without(BUDGET, "targetId"),
        error=("invalidField", "fields.targetId"))
    enc("err-target-on-home", "home must not carry a targetId.", f(page="home"),
        error=("invalidField", "fields.targetId"))
    enc("err-target-leading-zero", "Decimal ids have no leading zeros.", f(targetId="0123"),
        error=("invalidField", "fields.targetId"))
    enc("err-target-21-digits", "At most 20 digits.", f(targetId="100000000000000000000"),
        error=("invalidField", "fields.targetId"))
    enc("err-target-number", "Ids are strings, never JSON numbers.", f(targetId=100012345678),
        error=("invalidField", "fields.targetId"))
    enc("err-promoter-empty", "The empty string is not an id.", f(promoterId=""),
        error=("invalidField", "fields.promoterId"))
    enc("err-promoter-missing", "promoterId is required.", without(BUDGET, "promoterId"),
        error=("invalidField", "fields.promoterId"))
    enc("err-group-negative", "\"-1\" is not a decimal id.", f(groupId="-1"),
        error=("invalidField", "fields.groupId"))
    enc("err-channel-unknown", "channel must be one of the five.", f(channel="wechat"),
        error=("invalidField", "fields.channel"))
    enc("err-campaign-fraction", "\"1.5\" is not a decimal id.", f(campaignId="1.5"),
        error=("invalidField", "fields.campaignId"))
    enc("err-coupon-fullwidth", "Full-width digits are not ASCII digits.", f(couponId="\uff15\uff10"),
        error=("invalidField", "fields.couponId"))
    enc("err-issued-before-2020", "issuedAt one millisecond before 2020-01-01T00:00Z.",
        f(issuedAt=EPOCH_MS - 1), error=("invalidField", "fields.issuedAt"))
    enc("err-issued-float", "issuedAt written with a fraction (1764000000000.0) is not an integer.",
        f(issuedAt=1764000000000.0), error=("invalidField", "fields.issuedAt"))
    enc("err-issued-string", "issuedAt as a string.", f(issuedAt="1764000000000"),
        error=("invalidField", "fields.issuedAt"))
    enc("err-issued-past-2-53", "issuedAt above 2^53 - 1.", f(issuedAt=MAX_TIME_MS + 1),
        error=("invalidField", "fields.issuedAt"))
    enc("err-options-not-object", "options must be an object.", BUDGET, "fast",
        error=("invalidField", "options"))
    enc("err-maxlength-negative", "maxLength must be a non-negative integer.", BUDGET,
        {"maxLength": -1}, error=("invalidField", "options.maxLength"))
    enc("err-maxlength-string", "maxLength as a string.", BUDGET, {"maxLength": "32"},
        error=("invalidField", "options.maxLength"))
    enc("err-key-odd-hex", "A key of an odd number of hex digits.", BUDGET, {"key": KEY16 + "0"},
        error=("invalidKey", "options.key"))
    enc("err-key-15-bytes", "A 15-byte key is too short (16-64 bytes).", BUDGET, {"key": KEY16[:30]},
        error=("invalidKey", "options.key"))
    enc("err-key-65-bytes", "A 65-byte key is too long.", BUDGET, {"key": KEY64 + "00"},
        error=("invalidKey", "options.key"))
    enc("err-key-not-hex", "A key with a non-hex character.", BUDGET, {"key": "g" + KEY16[1:]},
        error=("invalidKey", "options.key"))
    enc("err-key-number", "A key must be a string.", BUDGET, {"key": 12345},
        error=("invalidKey", "options.key"))
    enc("err-fields-before-options", "A fault in the fields is reported before one in the options.",
        f(promoterId="x"), {"key": "zz"}, error=("invalidField", "fields.promoterId"))

    # ---- decode: every form of input ----
    r_budget = result(BUDGET, False, False)
    dec("decode-raw", "A raw unsigned code.", budget, expect=r_budget)
    dec("decode-scene-plain", "A scene s=CODE.", "s=" + budget, expect=r_budget)
    dec("decode-scene-encoded", "A URL-encoded scene s%3DCODE (decodeURIComponent once).",
        percent_encode("s=" + budget), expect=r_budget)
    dec("decode-query", "A share path with a query string.",
        "pages/item/index?s=%s&from=x" % budget, expect=r_budget)
    dec("decode-url", "An H5 URL with s= after another parameter and a fragment.",
        "https://h5.example.com/pages/item/index?from=timeline&s=%s#top" % budget, expect=r_budget)
    dec("decode-path", "A path segment s=CODE.", "pages/share/s=%s/detail" % budget, expect=r_budget)
    dec("decode-encoded-path", "A whole path URL-encoded once.",
        percent_encode("pages/item/index?s=%s&from=x" % budget), expect=r_budget)
    dec("decode-first-s", "With two s= parameters the first one counts.",
        "p?s=%s&s=%s" % (budget, home), expect=r_budget)
    dec("decode-trimmed", "Surrounding ASCII whitespace is ignored.", " \t%s\r\n" % budget,
        expect=r_budget)
    dec("decode-null-options", "null options mean none.", budget, None, r_budget,
        text=json.dumps({"input": budget, "options": None}))
    dec("decode-home", "A home-page code has no targetId.", home,
        expect=result(without(f(page="home"), "targetId"), False, False))
    dec("decode-smallest", "The smallest code.", smallest,
        expect=result({"page": "home", "promoterId": "0", "channel": "group",
                       "issuedAt": EPOCH_MS}, False, False))
    dec("decode-spec-example", "The SPEC 9 example, issuedAt on the hour.", spec,
        expect=result(SPEC_EXAMPLE, False, False))
    dec("decode-budget-group-max", "Largest budget ids with group.", budget_group_max,
        expect=result(BUDGET_GROUP_MAX, False, False))

    # ---- decode: signatures ----
    r_signed = result(BUDGET, True, False)
    r_verified = result(BUDGET, True, True)
    dec("decode-signed-no-key", "A signed code read without a key: signed, not verified.",
        budget_signed, expect=r_signed)
    dec("decode-signed-key", "A signed code with its key: verified.", budget_signed,
        {"key": KEY16}, r_verified)
    dec("decode-signed-key-upper", "Hex keys are case-insensitive.", budget_signed,
        {"key": KEY16.upper()}, r_verified)
    dec("decode-largest-verified", "The largest code (20-digit ids, issuedAt 2^53 - 1 floored), "
        "verified with a 32-byte key.", largest, {"key": KEY32},
        result({"page": "invite", "targetId": MAX20, "promoterId": MAX20, "groupId": MAX20,
                "channel": "qr", "campaignId": MAX20, "couponId": MAX20,
                "issuedAt": MAX_TIME_MS}, True, True))
    dec("decode-spec-signed-64", "The SPEC example signed with a 64-byte key.", spec_signed,
        {"key": KEY64.lower()}, result(SPEC_EXAMPLE, True, True))
    dec("decode-unsigned-with-key", "An unsigned code with a key and no requireSignature: "
        "accepted, not verified.", budget, {"key": KEY16}, r_budget)
    dec("decode-require-signed-no-key", "requireSignature without a key asks only for a tag: "
        "signed, not verified.", budget_signed, {"requireSignature": True}, r_signed)
    dec("decode-require-signed-key", "requireSignature with the key.", budget_signed,
        {"requireSignature": True, "key": KEY16}, r_verified)
    dec("err-bad-signature", "A signed code checked with another key: badSignature.", budget_signed,
        {"key": OTHER_KEY}, error=("badSignature", "input"))
    # A signed code is: first character, fields, 7 tag characters, 2 check characters.
    fields_end = len(budget_signed) - 2 - TAG_CHARS
    tag_value = from62(budget_signed[fields_end:-2])
    forged = with_check(budget_signed[:fields_end] + to62((tag_value + 1) % (1 << 40), TAG_CHARS))
    dec("err-forged-tag", "The tag changed by one with the check recomputed: the check passes, "
        "the signature does not.", forged, {"key": KEY16}, error=("badSignature", "input"))
    dec("decode-forged-tag-no-key", "The same forged code without a key reads as signed, not "
        "verified: reading never needs the key.", forged, expect=r_signed)
    dec("err-unsigned-required", "requireSignature and no tag: unsignedCode.", budget,
        {"requireSignature": True}, error=("unsignedCode", "input"))
    dec("err-unsigned-required-key", "requireSignature with a key and no tag: unsignedCode.",
        budget, {"requireSignature": True, "key": KEY16}, error=("unsignedCode", "input"))

    # ---- decode: age ----
    issued = 1764000000000
    dec("decode-age-boundary", "now - issuedAt == maxAgeMs is not expired.", budget,
        {"now": issued + 86400000, "maxAgeMs": 86400000}, r_budget)
    dec("err-expired", "now - issuedAt == maxAgeMs + 1: expired.", budget,
        {"now": issued + 86400001, "maxAgeMs": 86400000}, error=("expired", "input"))
    dec("decode-future-code", "A code issued after now is not expired.", budget,
        {"now": issued - 7200000, "maxAgeMs": 0}, r_budget)
    dec("err-expired-floored", "Age uses the floored issuedAt: issued 16:30, decoded 16:00; at "
        "17:00 the age is 3600000 > maxAgeMs 3599999.", mid,
        {"now": issued + 3600000, "maxAgeMs": 3599999}, error=("expired", "input"))
    dec("err-max-age-without-now", "maxAgeMs without now: invalidField at options.now.", budget,
        {"maxAgeMs": 1000}, error=("invalidField", "options.now"))
    dec("err-now-float", "now must be an integer.", budget, {"now": 1.5, "maxAgeMs": 1},
        error=("invalidField", "options.now"))
    dec("err-now-past-2-53", "now above 2^53 - 1.", budget, {"now": MAX_TIME_MS + 1},
        error=("invalidField", "options.now"))
    dec("err-max-age-negative", "maxAgeMs must not be negative.", budget,
        {"now": issued, "maxAgeMs": -1}, error=("invalidField", "options.maxAgeMs"))
    dec("err-require-signature-string", "requireSignature must be a boolean.", budget,
        {"requireSignature": "yes"}, error=("invalidField", "options.requireSignature"))
    dec("err-decode-bad-key", "A bad key is reported even for a good code.", budget,
        {"key": "abcd"}, error=("invalidKey", "options.key"))
    dec("err-options-before-input", "Options are checked before the input.", "!!!",
        {"key": "abcd"}, error=("invalidKey", "options.key"))

    # ---- decode: not a code ----
    dec("err-empty", "The empty string: malformed.", "", error=("malformed", "input"))
    dec("err-bad-characters", "A hyphen is not in the alphabet.", budget[:10] + "-" + budget[10:],
        error=("malformed", "input"))
    dec("err-non-ascii", "Chinese text holds no code.", "分享码", error=("malformed", "input"))
    dec("err-too-short", "Three characters: shorter than any code.", "2AB",
        error=("malformed", "input"))
    dec("err-too-long", "129 characters: longer than any code.", "2" * 129,
        error=("malformed", "input"))
    dec("err-empty-s", "s= with nothing after it.", "pages/item/index?s=&from=x",
        error=("malformed", "input"))
    dec("err-bad-percent", "A broken %-escape (%3Z) and no code: decodeURIComponent fails.", "s%3Z" + budget,
        error=("malformed", "input"))
    dec("err-double-encoded", "decodeURIComponent is applied at most once.",
        percent_encode(percent_encode("s=" + budget)), error=("malformed", "input"))
    dec("err-input-missing", "input is required.", None, error=("invalidField", "input"),
        text='{"options":{}}')
    dec("err-input-number", "input must be a string.", None, error=("invalidField", "input"),
        text='{"input":12345}')
    dec("err-decode-not-json", "Not JSON.", None, error=("invalidJson", ""), text="s=" + budget)
    dec("err-decode-repeated-key", "A repeated key.", None, error=("invalidJson", ""),
        text='{"input":"%s","input":"%s"}' % (budget, budget))
    dec("err-decode-root-array", "The document must be an object.", None,
        error=("invalidType", ""), text='["%s"]' % budget)

    # ---- decode: check, version, layout ----
    swapped = budget[:5] + budget[6] + budget[5] + budget[7:]
    assert swapped != budget
    dec("err-typo", "One character changed (position 8, +1 in the alphabet): badCheck.",
        budget[:8] + ALPHABET[(ALPHABET.index(budget[8]) + 1) % 62] + budget[9:],
        error=("badCheck", "input"))
    dec("err-transposition", "Characters 5 and 6 swapped: badCheck.", swapped,
        error=("badCheck", "input"))
    dec("err-typo-in-tag", "A typo in the tag, no key: badCheck (the check covers the tag).",
        budget_signed[:24] + ("0" if budget_signed[24] != "0" else "1") + budget_signed[25:],
        error=("badCheck", "input"))
    dec("err-typo-in-version", "A typo in the first character: badCheck (the check comes first).",
        "4" + budget[1:], error=("badCheck", "input"))
    # Non-canonical check characters: value + 3833 (only possible when value <= 10).
    hour = 0
    while True:
        fields = dict(BUDGET, issuedAt=1764000000000 + hour * HOUR_MS)
        code = reference_encode(fields)
        v = from62(code[-2:])
        if v <= 10:
            break
        hour += 1
    noncanon = code[:-2] + ALPHABET[(v + PRIME) // 62] + ALPHABET[(v + PRIME) % 62]
    assert from62(noncanon) % PRIME == 0
    dec("err-noncanonical-check", "Check characters worth %d + 3833: the sum is right but no "
        "encoder writes it: badCheck." % v, noncanon, error=("badCheck", "input"))
    dec("decode-canonical-twin", "The canonical twin of err-noncanonical-check decodes.", code,
        expect=result(fields, False, False))
    v2 = with_check("4" + budget[1:-2])
    dec("err-version-2", "First character 4 (version 2, unsigned) with a valid check: "
        "unsupportedVersion.", v2, error=("unsupportedVersion", "input"))
    v0 = with_check("1" + budget[1:-2])
    dec("err-version-0", "First character 1 (version 0, signed; never assigned): "
        "unsupportedVersion.", v0, error=("unsupportedVersion", "input"))
    vz = with_check("z" + budget[1:-2])
    dec("err-version-30", "First character z (version 30, signed): unsupportedVersion.", vz,
        error=("unsupportedVersion", "input"))
    dec("err-signed-too-short", "A signed code (first character 3) with no room for fields and "
        "a 7-character tag.", with_check("3" + "1234567"), error=("malformed", "input"))
    dec("err-leading-zero", "Fields starting with a zero digit: not what an encoder writes.",
        with_check("20" + budget[1:-2]), error=("malformed", "input"))
    # hour = MAX_HOUR + 1 on top of the smallest header (home, promoter "0").
    max_hour = (MAX_TIME_MS - EPOCH_MS) // HOUR_MS
    over = ((max_hour + 1) * 10 + 0) * 20 + 0
    over = over * 200 + 4
    dec("err-hour-overflow", "An issue hour past 2^53 - 1 ms.", with_check("2" + to62(over)),
        error=("malformed", "input"))
    at_max = (max_hour * 10 * 20) * 200 + 4
    dec("decode-hour-max", "The last hour that fits 2^53 - 1 ms.", with_check("2" + to62(at_max)),
        expect=result({"page": "home", "promoterId": "0", "channel": "group",
                       "issuedAt": MAX_TIME_MS}, False, False))
    dec("err-tag-out-of-range", "A tag worth 2^40 (no 40-bit tag is that large).",
        with_check(budget_signed[:fields_end] + to62(1 << 40, TAG_CHARS)), error=("malformed", "input"))


def main():
    check_only = "--check" in sys.argv
    build()
    assert len(CASES) >= 40
    names = set()
    mismatches = 0
    for index, (name, case) in enumerate(CASES, 1):
        assert name not in names, name
        names.add(name)
        for key in ("code",):
            if key in case:
                assert from62(case[key]) % PRIME == 0
        path = os.path.join(HERE, "%03d-%s.json" % (index, name))
        text = json.dumps(case, ensure_ascii=False, indent=2) + "\n"
        if check_only:
            try:
                with open(path, encoding="utf-8") as fh:
                    if fh.read() != text:
                        print("differs:", path)
                        mismatches += 1
            except FileNotFoundError:
                print("missing:", path)
                mismatches += 1
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    if not check_only:
        for old in os.listdir(HERE):
            if old.endswith(".json") and old[:3].isdigit() and \
                    old[4:-5] not in names:
                os.remove(os.path.join(HERE, old))
    print("%d vectors%s" % (len(CASES), ", %d differ" % mismatches if check_only else ""))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
