extension Report {
    /// The report as the contract's JSON, byte-identical to `predeval --format json`.
    ///
    /// - Returns: JSON text ending in a newline.
    public func json() -> String { JSONReportRenderer.render(self) }
}
