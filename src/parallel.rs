//! Checks many files on several threads while handing results back in input order, one
//! document at a time, so reports stay deterministic and streamed.
//!
//! Memory stays bounded whatever the batch: a worker hands on each document's result as
//! soon as it is checked; results of the file being written go straight out, and those of
//! later files wait in a buffer of at most [`MAX_WAITING`] results, beyond which their
//! workers pause until the writer catches up. When the writer stops (a closed pipe), the
//! workers stop at their next document.

use jiff::civil::Date;
use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, MutexGuard, PoisonError};

use crate::batch::{check_input, failed, Checked, DocumentResult};
use crate::diagnostic::{ErrorCode, SourceError};
use crate::digest::InputFile;
use crate::eval::RunIndex;
use crate::inputs::Input;
use crate::limits::Limits;
use crate::pack::RulePack;

/// The stack of every thread that checks documents: 64 MiB, eight times a main thread's
/// usual 8 MiB. Parsing, validation and evaluation recurse on nesting, which the input
/// limits bound (docs/limits.md); this stack holds the deepest nesting they allow, in a
/// debug build, with room to spare. It is reserved, not used: untouched pages cost nothing.
pub const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Results of later files held while an earlier file is still being checked.
pub const MAX_WAITING: usize = 1024;

/// How many threads check files: `--jobs`, but never more than there are files, nor more
/// than four per core (beyond that threads only wait for each other), and at least one.
pub fn worker_count(jobs: usize, files: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    jobs.min(files).min(4 * cores).max(1)
}

/// Checks `inputs` on up to `jobs` threads (see [`worker_count`]) and calls `emit` with
/// each document's result, in the order of `inputs` and of the documents in each file, and
/// with each file (its digest) once its documents are all out.
/// Stops early and returns the error if `emit` fails. If the system refuses every thread,
/// each input is reported as an error instead.
pub fn check_in_order<E>(
    pack: &RulePack,
    inputs: &[Input],
    as_of: Date,
    limits: &Limits,
    jobs: usize,
    index: &RunIndex,
    mut emit: impl FnMut(Checked) -> Result<(), E>,
) -> Result<(), E> {
    let workers = worker_count(jobs, inputs.len());
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    // A bounded channel keeps workers from running far ahead of the writer.
    let (sender, receiver) = mpsc::sync_channel::<Message>(workers * 2);
    std::thread::scope(|scope| {
        let mut refusal = None;
        let mut started = 0;
        for n in 0..workers {
            let sender = sender.clone();
            let (next, gate) = (&next, &gate);
            let work = move || loop {
                let file = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(file) else { break };
                let mut send = |result| {
                    let reserved = gate.admit(file)?;
                    sender
                        .send(Message::Result(file, Box::new(result), reserved))
                        .map_err(|_| Stopped)
                };
                let Ok(digest) = check_input(pack, input, as_of, limits, index, &mut send) else {
                    break;
                };
                if sender.send(Message::Done(file, digest)).is_err() {
                    break;
                }
            };
            match std::thread::Builder::new()
                .name(format!("fairrec-check-{n}"))
                .stack_size(STACK_BYTES)
                .spawn_scoped(scope, work)
            {
                Ok(_) => started += 1,
                Err(error) => refusal = Some(error),
            }
        }
        drop(sender);
        if started == 0 {
            let reason = refusal.map_or_else(String::new, |e| e.to_string());
            return inputs.iter().try_for_each(|input| {
                let result = not_started(input, &reason);
                let path = result.file.name.to_string();
                emit(Checked::Document(Box::new(result)))?;
                emit(Checked::Input(InputFile::unread(path)))
            });
        }
        let written = write_in_order(receiver, &gate, &mut emit);
        if written.is_err() {
            gate.stop();
        }
        written
    })
}

/// Receives results in any order and emits them in input order. Takes the receiver so that
/// returning early drops it, which wakes any worker blocked on a full channel.
fn write_in_order<E>(
    receiver: mpsc::Receiver<Message>,
    gate: &Gate,
    emit: &mut impl FnMut(Checked) -> Result<(), E>,
) -> Result<(), E> {
    let mut waiting: BTreeMap<usize, VecDeque<Message>> = BTreeMap::new();
    let mut expected = 0;
    for message in receiver {
        if message.file() != expected {
            waiting
                .entry(message.file())
                .or_default()
                .push_back(message);
            continue;
        }
        let mut message = Some(message);
        while let Some(current) = message.take() {
            match current {
                Message::Result(_, result, reserved) => {
                    if reserved {
                        gate.release();
                    }
                    emit(Checked::Document(result))?;
                }
                Message::Done(_, digest) => {
                    emit(Checked::Input(digest))?;
                    expected += 1;
                    gate.advance(expected);
                }
            }
            // Whatever waited for the file now being written goes out next, in order.
            message = waiting.get_mut(&expected).and_then(VecDeque::pop_front);
            if waiting.get(&expected).is_some_and(VecDeque::is_empty) {
                waiting.remove(&expected);
            }
        }
    }
    Ok(())
}

/// An input that no thread could check.
fn not_started(input: &Input, reason: &str) -> DocumentResult {
    let error = match input {
        Input::Unreadable(error) => error.clone(),
        Input::File(path) => {
            let name = path.display().to_string();
            SourceError::whole_file(
                ErrorCode::RunThreads,
                &name,
                format!(
                    "`{name}` was not checked: the system refused to start a thread ({reason})"
                ),
            )
            .with_help("run with fewer --jobs, or raise the system's limit on threads or memory")
        }
    };
    failed(error.file().clone(), error)
}

/// What a worker sends to the writer.
enum Message {
    /// One document's result (boxed: a message is moved through the channel); `true` if it
    /// took a place in the waiting buffer.
    Result(usize, Box<DocumentResult>, bool),
    /// The file is finished: its digest.
    Done(usize, InputFile),
}

impl Message {
    fn file(&self) -> usize {
        match self {
            Message::Result(file, ..) | Message::Done(file, _) => *file,
        }
    }
}

/// The writer has stopped: workers stop too.
#[derive(Debug)]
struct Stopped;

/// Lets a worker hand on a result only when it can be written at once (its file is the one
/// being written) or there is room in the waiting buffer.
#[derive(Default)]
struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Default)]
struct GateState {
    /// The file being written.
    writing: usize,
    /// Results waiting for their file's turn.
    waiting: usize,
    stopped: bool,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        // The state stays consistent even if a thread panicked while holding the lock.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a result of `file` may be sent; `true` if it takes a waiting place.
    fn admit(&self, file: usize) -> Result<bool, Stopped> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return Err(Stopped);
            }
            if file == state.writing {
                return Ok(false);
            }
            if state.waiting < MAX_WAITING {
                state.waiting += 1;
                return Ok(true);
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// A waiting result was written.
    fn release(&self) {
        let mut state = self.lock();
        state.waiting = state.waiting.saturating_sub(1);
        self.changed.notify_all();
    }

    /// The writer moved on to `file`.
    fn advance(&self, file: usize) {
        self.lock().writing = file;
        self.changed.notify_all();
    }

    /// The writer has stopped.
    fn stop(&self) {
        self.lock().stopped = true;
        self.changed.notify_all();
    }
}
