extension BoardPack {
    /// A band of ten marks and how many agreed marks fall in it.
    struct Bin: Sendable {
        var label: String
        var count: Int
    }

    /// The histogram's geometry, in SVG user units.
    enum Chart {
        static let left = 44
        /// Above the plot, a band of its own for the pass mark's label.
        static let top = 30
        static let binWidth = 52
        static let plotHeight = 150
        static let right = 16
        static let bottom = 52
        /// A bar's count stands this far above the bar.
        static let countGap = 5
        /// The room kept inside the plot above the tallest bar, for its count (11 units high).
        static let headroom = 18
    }

    /// An inline SVG bar chart of the bins, each bar with its count above it, and the pass mark drawn as
    /// a dashed line labelled in the band above the plot. The scale reaches far enough above the tallest
    /// bar for its count to stand inside the plot, clear of that label. Every piece of text is a
    /// number, a bin label, or `what`: a validated course code or text fixed in the program.
    static func histogramSVG(bins: [Bin], passMark: Int?, of what: String) -> String {
        let (left, top, binWidth, plotHeight) = (Chart.left, Chart.top, Chart.binWidth, Chart.plotHeight)
        let plotWidth = binWidth * bins.count
        let width = left + plotWidth + Chart.right, height = top + plotHeight + Chart.bottom
        let highest = bins.map(\.count).max() ?? 0
        let step = max(1, (highest + 3) / 4)
        // The smallest multiple of the step that leaves the headroom above the tallest bar.
        let needed = (highest * plotHeight + plotHeight - Chart.headroom - 1) / (plotHeight - Chart.headroom)
        let ceiling = max(step, (needed + step - 1) / step * step)
        let baseline = top + plotHeight
        func y(_ count: Int) -> Int { baseline - count * plotHeight / ceiling }

        let summary = bins.map { "\($0.label): \($0.count)" }.joined(separator: ", ")
        var svg = """
            <svg class="histogram" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-labelledby="histogram-title">\
            <title id="histogram-title">Agreed course marks of \(what), students per 10-mark band: \(summary)</title>
            """
        for tick in stride(from: 0, through: ceiling, by: step) {
            svg +=
                "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(left + plotWidth)\" y2=\"\(y(tick))\"/>"
            svg += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(tick)</text>"
        }
        for (index, bin) in bins.enumerated() {
            let x = left + index * binWidth
            let below = passMark.map { index * 10 + (index == 9 ? 10 : 9) < $0 } ?? false
            if bin.count > 0 {
                svg +=
                    "<rect class=\"\(below ? "bar below" : "bar")\" x=\"\(x + 7)\" y=\"\(y(bin.count))\" width=\"\(binWidth - 14)\" height=\"\(baseline - y(bin.count))\"/>"
                svg +=
                    "<text class=\"count\" x=\"\(x + binWidth / 2)\" y=\"\(y(bin.count) - Chart.countGap)\" text-anchor=\"middle\">\(bin.count)</text>"
            }
            svg +=
                "<text class=\"label\" x=\"\(x + binWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(bin.label)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(left + plotWidth)\" y2=\"\(baseline)\"/>"
        if let passMark {
            let passX = left + min(max(passMark, 0), 100) * binWidth / 10
            // Near the right edge the label reads leftwards from the line, so it stays on the chart.
            let (labelX, anchor) = passX > left + plotWidth - 80 ? (passX - 4, "end") : (passX + 4, "start")
            svg += "<line class=\"pass\" x1=\"\(passX)\" y1=\"\(top - 12)\" x2=\"\(passX)\" y2=\"\(baseline)\"/>"
            svg +=
                "<text class=\"passlabel\" x=\"\(labelX)\" y=\"\(top - 14)\" text-anchor=\"\(anchor)\">pass mark \(passMark)</text>"
        }
        svg +=
            "<text class=\"axistitle\" x=\"\(left + plotWidth / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">agreed course mark</text>"
        svg +=
            "<text class=\"axistitle\" x=\"12\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(top + plotHeight / 2))\">students</text>"
        svg += "</svg>"
        return svg
    }
}
