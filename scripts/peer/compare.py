"""Compare caselint's CIN findings with the peer's: per rule, the (code, LAchildID) pairs
found by both, only by the peer, only by caselint."""
import json
import re
import sys
import xml.etree.ElementTree as ET


def child_ids(xml_path):
    """LAchildID of each Child element, by its 1-based position (`Child[12]`)."""
    ids = {}
    children = ET.parse(xml_path).getroot().find("Children")
    for n, child in enumerate(children.findall("Child") if children is not None else [], start=1):
        ids[n] = (child.findtext("ChildIdentifiers/LAchildID") or "").strip()
    return ids


def main(peer_json, caselint_jsonl, caselint_rules, xml_path, verbose):
    peer = json.load(open(peer_json))
    if peer.get("failed"):
        print(f"the peer failed on this file, nothing to compare: {peer['failed']}")
        return 1
    implemented = {line.split()[0][3:] for line in open(caselint_rules) if line.startswith("CIN")}
    peer_pairs = {(c, k) for c, k in peer["pairs"]}
    ids = None
    ours = set()
    for line in open(caselint_jsonl):
        d = json.loads(line)
        if d["id"].startswith("CIN"):
            code = d["id"][3:]
            # Return-level findings carry no child: the peer reports them without one too.
            ours.add((code, d["childID"] or ""))
            if d["childID"] is None and d["logicalPath"] and d["logicalPath"].startswith("Header"):
                continue
            # A finding at one child with notes at other children (a duplicated UPN or id is
            # reported at its first holder, the others as notes) names those children too;
            # the peer lists every holder.
            for note in d["related"]:
                m = re.match(r"Child\[(\d+)\]", note.get("logicalPath") or "")
                if m and d["logicalPath"] and not d["logicalPath"].startswith(m.group(0) + "/"):
                    ids = ids if ids is not None else child_ids(xml_path)
                    ours.add((code, ids.get(int(m.group(1)), "")))
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
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], "-v" in sys.argv[5:]))
