//! The `whycors` command line.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod check;
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
    /// Explain a capture: a HAR file, raw headers, DevTools' Headers tab as copied, curl -v
    /// output, a Copy-as-cURL/fetch/PowerShell command or the browser's console message.
    Explain(explain::Args),
    /// Check a live API's CORS as a browser would, error paths included (exit 0 allowed,
    /// 1 blocked, 2 usage or network error).
    Check(check::Args),
    /// Run the local gateway lab: a demo page and an API with one path per failure mode (loopback only).
    Lab {
        /// Loopback address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Port of the APP origin (demo page); 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Port of the API origin; default: free when --port is 0, else --port + 1.
        #[arg(long)]
        api_port: Option<u16>,
        /// Also serve this directory's static files (e.g. dist/web) on http://localhost:P.
        #[arg(long, value_name = "DIR")]
        web: Option<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Explain(args) => explain::run(args),
        Command::Check(args) => check::run(args),
        Command::Lab {
            host,
            port,
            api_port,
            web,
        } => {
            let opts = whycors_cli::lab::LabOptions {
                host,
                port,
                api_port,
            };
            match whycors_cli::lab::run_with_web(opts, web) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("whycors lab: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
