#!/usr/bin/env python3
"""Bytes of a .wasm by what they are for (issue 16, docs/performance.md "Size").

Needs a module that still has its function names: the wasm-bindgen output
before the package's wasm-opt strips them, optimised here with `-g`:

    node_modules/.bin/wasm-opt -O3 -g --enable-bulk-memory \
      --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      --enable-reference-types --enable-multivalue \
      target/npm/bindgen/sharecart_bg.wasm -o /tmp/web-named.wasm
    python3 scripts/size-groups.py /tmp/web-named.wasm     # needs `cargo install twiggy`

Each item goes to the first group whose pattern its name matches; the
"function names" subsection that -g keeps is not counted.
"""
import csv
import io
import re
import subprocess
import sys

GROUPS = [
    ("std sorts (driftsort, quicksort, sorting networks), the compact sort", r"slice::sort|sharecart::sort"),
    ("collects (`collect::<Result<Vec<_>>>` adapters)", r"GenericShunt|try_process|from_iter|spec_from_iter"),
    ("pricing (`price`, the coupon search, allocation, commission)", r"sharecart::pricing"),
    ("share codes", r"sharecart::share_code"),
    ("request validation and warnings (`request::*`)", r"sharecart::request"),
    ("JSON reader and writer (`json.rs`)", r"sharecart::json"),
    ("money and rounding (`money.rs`)", r"sharecart::money"),
    ("crate entry points (`price_cart_json`, preview, the facade)", r"^sharecart::|sharecart::wasm"),
    ("`core::fmt`, panics", r"core::fmt|panic"),
    ("allocator (dlmalloc), `RawVec` growth", r"dlmalloc|raw_vec|RawVec|__rust_alloc|__rust_dealloc|__rust_realloc|alloc::alloc"),
    ("`str` searching, UTF-8, `Chars`", r"core::str|core::unicode|Chars"),
    ("serde / serde_json", r"serde"),
    ("SHA-256, HMAC", r"sha2|hmac|digest"),
    ("hashbrown, SipHash", r"hashbrown|hash::sip|RandomState|hash::random"),
    ("rust_decimal", r"rust_decimal"),
    ("wasm-bindgen, js-sys", r"wasm_bindgen|js_sys|__wbindgen|__wbg|externref"),
    ("data section (strings, tables)", r"^data segment"),
]


def main(path):
    out = subprocess.run(["twiggy", "top", "-n", "100000", "--format", "csv", path],
                         check=True, capture_output=True, text=True).stdout
    totals = {name: 0 for name, _ in GROUPS}
    other = code = 0
    for row in csv.DictReader(io.StringIO(out)):
        name = re.sub(r"\[[0-9a-f]{16}\]", "", row["Name"]).lstrip("<")
        size = int(row["ShallowSize"])
        if name.startswith('"function names"') or name.startswith("Σ") or name.startswith("..."):
            continue
        if not name.startswith("data segment"):
            code += size
        for group, pattern in GROUPS:
            if re.search(pattern, name):
                totals[group] += size
                break
        else:
            other += size
    for group, _ in GROUPS:
        print(f"| {group} | {totals[group]:,} |")
    print(f"| everything else (core, alloc, std) | {other:,} |")
    print(f"| **code and tables, without names** | {code:,} |")


if __name__ == "__main__":
    main(sys.argv[1])
