//! The HTML report's chart: one horizontal bar per general principle, stacked by severity,
//! counting violations and gaps (a not-assessable result is a fact not given, not a
//! practice; the table under the chart counts those). Inline SVG with a legend in words, a
//! total at the end of each bar and a `<title>` on each bar and segment, which browsers show
//! on hover and screen readers read; the table under it holds the same numbers as text.
//! Coordinates are computed from the counts alone, so the same summary draws the same bytes.

use std::fmt::Write as _;

use super::html::esc;
use super::summary::PrincipleSummary;
use crate::pack::ir::Severity;

/// The drawing's width, in SVG units; it scales to the page.
const WIDTH: f64 = 960.0;
/// Where bars start: room for `GP13` on their left.
const BARS_X: f64 = 64.0;
/// The longest bar; the rest of the width holds the totals.
const BARS_WIDTH: f64 = 820.0;
/// Height of one principle's row, and of its bar.
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
/// Where the first row starts, below the legend.
const TOP: f64 = 36.0;

/// Fill and label colour of each severity, most serious first (the report's palette).
fn colours(severity: Severity) -> (&'static str, &'static str) {
    match severity {
        Severity::Critical => ("#7f1d1d", "#ffffff"),
        Severity::High => ("#d23c2a", "#ffffff"),
        Severity::Medium => ("#e9a23b", "#1d2433"),
        Severity::Low => ("#8fa0b8", "#1d2433"),
    }
}

/// `Critical`, `High`, ...
fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// The chart for these principles, in the order given.
pub(super) fn chart(out: &mut String, principles: &[PrincipleSummary]) {
    let counted = |p: &PrincipleSummary| -> Vec<(Severity, usize)> {
        p.by_severity
            .iter()
            .map(|(s, c)| (*s, c.violations + c.gaps))
            .collect()
    };
    let most = principles
        .iter()
        .map(|p| counted(p).iter().map(|(_, n)| n).sum::<usize>())
        .max()
        .unwrap_or(0);
    let (step, axis) = axis(most);
    let scale = BARS_WIDTH / axis as f64;
    let bottom = TOP + ROW * principles.len() as f64;
    let height = bottom + 26.0;
    let _ = writeln!(
        out,
        "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         font-size=\"13\">\n<title id=\"chart-title\">Violations and gaps by general principle \
         and severity</title>\n<desc id=\"chart-desc\">One bar per principle, stacked by \
         severity from critical to low; the table below gives the same numbers.</desc>"
    );
    let mut x = BARS_X;
    for severity in super::summary::SEVERITIES {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"14.5\" fill=\"#1d2433\">{}</text>",
            colours(severity).0,
            x + 17.0,
            label(severity)
        );
        x += 96.0;
    }
    out.push('\n');
    let mut tick = 0;
    while tick <= axis {
        let tx = BARS_X + tick as f64 * scale;
        let _ = writeln!(
            out,
            "<line x1=\"{tx:.1}\" y1=\"{}\" x2=\"{tx:.1}\" y2=\"{bottom}\" stroke=\"#d9dee7\"/>\
             <text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#5b6478\">{tick}</text>",
            TOP - 6.0,
            bottom + 17.0
        );
        tick += step;
    }
    for (row, principle) in principles.iter().enumerate() {
        bar(out, principle, &counted(principle), row, scale);
    }
    out.push_str(
        "</svg>\n<figcaption class=\"caption\">Violations and gaps citing each principle, by \
         the severity of the rule; a finding citing two principles counts under both. \
         Not-assessable results are in the table.</figcaption>\n</figure>\n",
    );
}

/// One principle's bar, its segments and its total.
fn bar(
    out: &mut String,
    principle: &PrincipleSummary,
    counts: &[(Severity, usize)],
    row: usize,
    scale: f64,
) {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let y = TOP + ROW * row as f64 + (ROW - BAR) / 2.0;
    let middle = y + BAR / 2.0 + 4.5;
    let parts: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{} {n}", s.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "<g><title>GP{} {}: {total} violation(s) and gap(s) ({})</title>\n<text x=\"{}\" \
         y=\"{middle}\" text-anchor=\"end\" font-weight=\"600\" fill=\"#1d2433\">GP{}</text>",
        principle.number,
        esc(&principle.title),
        parts.join(", "),
        BARS_X - 8.0,
        principle.number
    );
    let mut x = BARS_X;
    for (severity, count) in counts.iter().filter(|(_, n)| *n > 0) {
        let width = *count as f64 * scale;
        let (fill, ink) = colours(*severity);
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{width:.1}\" height=\"{BAR}\" fill=\"{fill}\">\
             <title>GP{}, {}: {count}</title></rect>",
            principle.number,
            severity.as_str()
        );
        // A number that does not fit its segment is left to the total and the title.
        if width >= 22.0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{middle}\" text-anchor=\"middle\" fill=\"{ink}\" \
                 font-size=\"12\">{count}</text>",
                x + width / 2.0
            );
        }
        out.push('\n');
        x += width;
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{middle}\" fill=\"#1d2433\" font-weight=\"600\">{total}</text>\n</g>",
        x + 6.0
    );
}

/// The step between ticks and the axis' end: 1, 2 or 5 times a power of ten, so the axis
/// has at most six steps and ends at or after `most` (at least 5).
fn axis(most: usize) -> (usize, usize) {
    let mut power = 1;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * power;
            let steps = most.div_ceil(step).max(1);
            if steps <= 6 {
                return (step, (steps * step).max(5));
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::axis;

    #[test]
    fn axes_end_on_round_numbers_past_the_longest_bar() {
        assert_eq!(axis(0), (1, 5));
        assert_eq!(axis(3), (1, 5));
        assert_eq!(axis(6), (1, 6));
        assert_eq!(axis(7), (2, 8));
        assert_eq!(axis(35), (10, 40));
        assert_eq!(axis(1234), (500, 1500));
    }
}
