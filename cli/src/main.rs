use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "whycors",
    version,
    about = "Why, really, did the browser say 'blocked by CORS policy'?"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    // --- lab: self-contained block (whycors lab helper); merge beside `explain` ---
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
    },
    // --- end lab ---
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        // --- lab ---
        Some(Command::Lab {
            host,
            port,
            api_port,
        }) => {
            let opts = whycors_cli::lab::LabOptions {
                host,
                port,
                api_port,
            };
            if let Err(e) = whycors_cli::lab::run(opts) {
                eprintln!("whycors lab: {e}");
                std::process::exit(1);
            }
        }
        // --- end lab ---
        None => println!("whycors"),
    }
}
