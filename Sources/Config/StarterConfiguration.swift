/// The file `caselint init` writes: every setting, commented, with what it does. Kept in
/// one string so a test can read it back and prove it is a valid configuration.
public enum StarterConfiguration {
    public static let text = """
        # caselint configuration. caselint finds this file by looking in the folder of the
        # first path it checks and then in each folder above; --config FILE names another.
        # Rule ids are listed by `caselint rules`; `caselint explain ID` tells what one checks.

        # Rules to run, by id or id prefix (all rules when absent).
        # select: [CIN]

        # Rules not to run, by id or id prefix.
        # ignore: [CIN8670Q]

        # Per-rule severity (error, warning or note) and local procedure parameters.
        # `caselint explain ID` lists a rule's parameters and their defaults.
        # rule-settings:
        #   CIN8675Q:
        #     severity: error
        #   SUF008:                    # what a case note must hold to be acted on
        #     min-words: 15
        #     stock-phrases: [seen and well, no concerns, as above, see previous]
        #   PRC012:                    # looked-after visits after a placement's first year
        #     later-interval: 3 months

        # Files found in folders: check only those matching an include pattern, and none
        # matching an exclude pattern. Patterns are relative to this file's folder;
        # `*` stays within a folder, `**` crosses folders. Files named on the command line
        # are always checked.
        # include: ["exports/**/*.xml"]
        # exclude: ["**/archive/**"]

        # Extra rule packs and mapping profiles (YAML files, relative to this file's folder).
        # rules: [local-procedures.yml]
        # profiles: [police-incidents.yml]

        # Force a CIN census ruleset instead of the one each return's header implies.
        # ruleset: cin2025_26

        # When the run fails (exit status 1): on any error (the default), on any warning,
        # or never. max-warnings fails the run when there are more warnings than this.
        fail-on: error
        # max-warnings: 0

        # Findings accepted for now (written by --write-baseline), and findings accepted on
        # purpose with a reason (see docs/configuration.md).
        # baseline: caselint-baseline.json
        # suppressions: caselint-suppressions.yml

        # Bounds that keep a broken or hostile file from costing unbounded memory; each
        # breach is a finding at its position (LIM001-LIM003, CSV001). The defaults:
        # limits:
        #   max-value-bytes: 1048576
        #   max-depth: 256
        #   max-columns: 10000
        #   max-findings-per-file: 10000

        """
}
