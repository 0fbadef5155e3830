import Yams

/// Interchange records written inline as YAML, the format of rule examples: each YAML
/// document is a list of records, each record a mapping of interchange names to values
/// (a list for a repeating field). Several documents are several sources.
public enum YAMLRecords {
    public typealias Record = [(key: String, values: [String])]

    /// The documents of `text`; a problem at its position when it is not such a list.
    public static func documents(_ text: String, path: String = "example") -> Result<[[Record]], ConfigError> {
        let reader = YAMLReader(path: path)
        let nodes: [Node]
        do {
            // Scalars stay text, as in `YAMLReader.parse`.
            nodes = Array(try Yams.compose_all(yaml: text, .basic))
        } catch {
            return .failure(ConfigError(path: path, line: 1, column: 1, message: "invalid YAML: \(error)"))
        }
        var docs: [[Record]] = []
        for node in nodes {
            let doc = YAMLValue(node: node, path: path)
            var records: [Record] = []
            for item in reader.sequence(doc, what: "a document of records") {
                var record: Record = []
                for e in reader.mapping(item, what: "a record") {
                    record.append((e.key, reader.strings(e.value, what: e.key)))
                }
                records.append(record)
            }
            docs.append(records)
        }
        if let problem = reader.problems.first { return .failure(problem) }
        return .success(docs)
    }
}
