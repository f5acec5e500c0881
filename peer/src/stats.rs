//! Samples of repeated measurements and how they are summarised: min, median and max over
//! rounds, never a single best run.

use std::time::Duration;

/// One number per round (documents per second, microseconds per document, ...).
#[derive(Debug, Default, Clone)]
pub struct Samples(Vec<f64>);

impl Samples {
    /// Adds one round's number.
    pub fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    /// Adds one round's throughput: `count` items in `time`.
    pub fn push_rate(&mut self, count: usize, time: Duration) {
        self.push(count as f64 / time.as_secs_f64().max(1e-9));
    }

    /// Adds one round's cost per item, in microseconds.
    pub fn push_micros_per(&mut self, count: usize, time: Duration) {
        self.push(time.as_secs_f64() * 1e6 / count.max(1) as f64);
    }

    fn sorted(&self) -> Vec<f64> {
        let mut values = self.0.clone();
        values.sort_by(f64::total_cmp);
        values
    }

    /// The smallest sample (0 when there are none).
    pub fn min(&self) -> f64 {
        self.sorted().first().copied().unwrap_or(0.0)
    }

    /// The largest sample (0 when there are none).
    pub fn max(&self) -> f64 {
        self.sorted().last().copied().unwrap_or(0.0)
    }

    /// The median: the middle sample, or the mean of the two middle ones.
    pub fn median(&self) -> f64 {
        let values = self.sorted();
        match values.len() {
            0 => 0.0,
            n if n % 2 == 1 => values[n / 2],
            n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
        }
    }

    /// `min / median / max` with `decimals` digits after the point, right-aligned.
    pub fn triple(&self, decimals: usize) -> String {
        format!(
            "{:>9.decimals$} {:>9.decimals$} {:>9.decimals$}",
            self.min(),
            self.median(),
            self.max()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        let mut samples = Samples::default();
        for value in [5.0, 1.0, 3.0] {
            samples.push(value);
        }
        assert_eq!(
            (samples.min(), samples.median(), samples.max()),
            (1.0, 3.0, 5.0)
        );
        samples.push(7.0);
        assert_eq!(samples.median(), 4.0);
        assert_eq!(Samples::default().median(), 0.0);
    }
}
