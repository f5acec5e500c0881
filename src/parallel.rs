//! Checks many files on several threads while handing results back in input order, so
//! reports stay deterministic and streamed: at most a few files are held in memory at once.

use jiff::civil::Date;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::batch::{check_file_in_run, failed, read_file, DocumentResult};
use crate::eval::RunIndex;
use crate::limits::Limits;
use crate::pack::RulePack;

/// Checks `paths` on `jobs` threads and calls `emit` with each file's results, in the
/// order of `paths`. Stops early and returns the error if `emit` fails.
pub fn check_in_order<E>(
    pack: &RulePack,
    paths: &[PathBuf],
    as_of: Date,
    limits: &Limits,
    jobs: usize,
    index: &RunIndex,
    mut emit: impl FnMut(Vec<DocumentResult>) -> Result<(), E>,
) -> Result<(), E> {
    let check = |path: &PathBuf| match read_file(path, limits) {
        Ok(file) => check_file_in_run(pack, file, as_of, limits, index),
        Err(error) => vec![failed(error.file().clone(), error)],
    };
    let jobs = jobs.clamp(1, paths.len().max(1));
    if jobs == 1 {
        for path in paths {
            emit(check(path))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    // A bounded channel keeps workers from running far ahead of the writer.
    let (sender, receiver) = mpsc::sync_channel::<(usize, Vec<DocumentResult>)>(jobs * 2);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let sender = sender.clone();
            let next = &next;
            let check = &check;
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(index) else { break };
                if sender.send((index, check(path))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (index, results) in receiver.iter() {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&expected) {
                emit(results)?;
                expected += 1;
            }
        }
        Ok(())
    })
}
