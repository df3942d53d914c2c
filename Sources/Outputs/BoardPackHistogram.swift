import Regulations

extension BoardPack {
    // MARK: - The histogram

    /// An inline SVG bar chart of the bins, with the pass mark drawn as a dashed line. Every piece of
    /// text in it is a number, a bin label or a validated course code.
    static func histogramSVG(bins: [Bin], passMark: Int, course: Code) -> String {
        let left = 44, top = 22, binWidth = 52, plotHeight = 150
        let plotWidth = binWidth * bins.count
        let width = left + plotWidth + 16, height = top + plotHeight + 52
        let highest = bins.map(\.count).max() ?? 0
        let step = max(1, (highest + 3) / 4)
        let ceiling = max(step, (highest + step - 1) / step * step)
        let baseline = top + plotHeight
        func y(_ count: Int) -> Int { baseline - count * plotHeight / ceiling }

        let summary = bins.map { "\($0.label): \($0.count)" }.joined(separator: ", ")
        var svg = """
            <svg class="histogram" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-labelledby="hist-\(course)">\
            <title id="hist-\(course)">Agreed course marks of \(course), students per 10-mark band: \(summary)</title>
            """
        for tick in stride(from: 0, through: ceiling, by: step) {
            svg +=
                "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(left + plotWidth)\" y2=\"\(y(tick))\"/>"
            svg += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(tick)</text>"
        }
        for (index, bin) in bins.enumerated() {
            let x = left + index * binWidth
            let below = index * 10 + (index == 9 ? 10 : 9) < passMark
            if bin.count > 0 {
                svg +=
                    "<rect class=\"\(below ? "bar below" : "bar")\" x=\"\(x + 7)\" y=\"\(y(bin.count))\" width=\"\(binWidth - 14)\" height=\"\(baseline - y(bin.count))\"/>"
                svg +=
                    "<text class=\"count\" x=\"\(x + binWidth / 2)\" y=\"\(y(bin.count) - 5)\" text-anchor=\"middle\">\(bin.count)</text>"
            }
            svg +=
                "<text class=\"label\" x=\"\(x + binWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(bin.label)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(left + plotWidth)\" y2=\"\(baseline)\"/>"
        let passX = left + min(passMark, 100) * binWidth / 10
        svg += "<line class=\"pass\" x1=\"\(passX)\" y1=\"\(top - 8)\" x2=\"\(passX)\" y2=\"\(baseline)\"/>"
        svg += "<text class=\"passlabel\" x=\"\(passX + 4)\" y=\"\(top - 10)\">pass mark \(passMark)</text>"
        svg +=
            "<text class=\"axistitle\" x=\"\(left + plotWidth / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">agreed course mark</text>"
        svg +=
            "<text class=\"axistitle\" x=\"12\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(top + plotHeight / 2))\">students</text>"
        svg += "</svg>"
        return svg
    }
}
