use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = orgscale::cli::Cli::parse();
    if cli.command.is_some() {
        return orgscale::cli::main_with(cli);
    }
    designer(cli.file)
}

#[cfg(feature = "gui")]
fn designer(file: Option<std::path::PathBuf>) -> std::process::ExitCode {
    match orgscale::ui::run(file) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the designer window: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

/// A build without the `gui` feature (for CI images) has the commands only.
#[cfg(not(feature = "gui"))]
fn designer(_file: Option<std::path::PathBuf>) -> std::process::ExitCode {
    use clap::CommandFactory;
    eprintln!(
        "This build of orgscale has no designer (it was built without the `gui` feature). \
         Its commands:\n"
    );
    let mut cmd = orgscale::cli::Cli::command();
    let _ = cmd.print_help();
    std::process::ExitCode::from(2)
}
