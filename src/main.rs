use clap::Parser;

fn main() -> std::process::ExitCode {
    orgscale::cli::main_with(orgscale::cli::Cli::parse())
}
