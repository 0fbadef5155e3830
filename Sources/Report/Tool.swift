/// The tool's name and version as reports name them (SARIF `tool.driver`, the JSON
/// report's `tool`). One place, so every format says the same.
public enum Tool {
    public static let name = "caselint"
    public static let version = "0.2.0"
}
