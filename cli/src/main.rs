//! The `whycors` command line.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod explain;
mod text;

#[derive(Parser)]
#[command(
    name = "whycors",
    version,
    about = "Why, really, did the browser say \"blocked by CORS policy\"?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a capture: a HAR file, raw headers, curl -v output, a Copy-as-cURL/fetch
    /// command or the browser's console message.
    Explain(explain::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Explain(args) => explain::run(args),
    }
}
