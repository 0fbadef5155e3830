"""Compare caselint's CIN findings with the peer's: per rule, the (code, LAchildID) pairs
found by both, only by the peer, only by caselint."""
import json
import sys


def main(peer_json, caselint_jsonl, caselint_rules, verbose):
    peer = json.load(open(peer_json))
    implemented = {line.split()[0][3:] for line in open(caselint_rules) if line.startswith("CIN")}
    peer_pairs = {(c, k) for c, k in peer["pairs"]}
    ours = set()
    for line in open(caselint_jsonl):
        d = json.loads(line)
        if d["id"].startswith("CIN"):
            code = d["id"][3:]
            # Return-level findings carry no child: the peer reports them without one too.
            ours.add((code, d["childID"] or ""))
    codes = sorted(set(peer["rules"]) | {c for c, _ in ours}, key=lambda c: (len(c.rstrip("Q")), c))
    total = {"both": 0, "peer": 0, "caselint": 0}
    disagree = []
    print(f"{'rule':>7}  {'both':>5}  {'peer only':>9}  {'caselint only':>13}")
    for code in codes:
        p = {k for c, k in peer_pairs if c == code}
        o = {k for c, k in ours if c == code}
        both, only_p, only_o = p & o, p - o, o - p
        total["both"] += len(both)
        total["peer"] += len(only_p)
        total["caselint"] += len(only_o)
        if code not in implemented:
            print(f"{code:>7}  not implemented in caselint (peer finds {len(p)})")
            disagree.append(code)
            continue
        if both or only_p or only_o:
            mark = "" if not (only_p or only_o) else "  <- differs"
            print(f"{code:>7}  {len(both):>5}  {len(only_p):>9}  {len(only_o):>13}{mark}")
        if only_p or only_o:
            disagree.append(code)
            if verbose:
                for k in sorted(only_p):
                    print(f"           peer only: {k or '(return)'}")
                for k in sorted(only_o):
                    print(f"           caselint only: {k or '(return)'}")
    agree = [c for c in codes if c not in disagree]
    missing = [c for c in codes if c not in implemented]
    print(f"summary: {len(agree)}/{len(codes)} rules agree ({len(missing)} not implemented); pairs: {total['both']} both, "
          f"{total['peer']} peer only, {total['caselint']} caselint only")
    if peer["peer_errors"]:
        print("peer rule crashes:", "; ".join(peer["peer_errors"]))
    return 0 if not disagree else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], "-v" in sys.argv[4:]))
