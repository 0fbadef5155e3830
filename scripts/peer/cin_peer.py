"""Run csc-validator-be-cin (the public Python CIN census validator) on one file and print
the (rule code, LAchildID) pairs it finds, as JSON. Used by scripts/compare-cin-peer."""
import contextlib
import importlib
import io
import json
import sys
import xml.etree.ElementTree as ET

from cin_validator import cin_validator


def main(path, ruleset):
    registry = getattr(importlib.import_module(f"cin_validator.rules.{ruleset}"), "registry")
    crashed = io.StringIO()
    try:
        root = ET.parse(path).getroot()
        data = cin_validator.process_data(cin_validator.convert_data(root))
        with contextlib.redirect_stdout(crashed):
            validator = cin_validator.CinValidator(data, registry)
    except Exception as e:  # the peer fails on the whole file: say so, do not compare
        print(json.dumps({"rules": sorted(str(code) for code in registry), "pairs": [],
                          "failed": f"{type(e).__name__}: {e}", "peer_errors": []}))
        return
    pairs = set()
    issues = validator.full_issue_df
    for code, child in zip(issues["rule_code"], issues["child_id"]):
        pairs.add((str(code), "" if child is None or str(child) in ("nan", "<NA>", "None") else str(child)))
    for code in validator.multichild_issues["rule_code"]:
        pairs.add((str(code), ""))
    print(json.dumps({
        "rules": sorted(str(code) for code in registry),
        "pairs": sorted(pairs),
        "peer_errors": [line for line in crashed.getvalue().splitlines() if line.startswith("Error with rule")],
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
