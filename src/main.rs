use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = orgscale::cli::Cli::parse();
    if cli.command.is_some() {
        return orgscale::cli::main_with(cli);
    }
    match orgscale::ui::run(cli.file) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the designer window: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
