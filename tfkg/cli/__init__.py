"""The ``tfkg`` batch command line: the top floor. It imports services and libraries downward only and
wires every command statically (the ``COMMANDS`` table); no subsystem imports it. A command's module is imported
when that command runs (or a help page lists it), so ``tfkg activity`` does not pay for torch and the models."""

from __future__ import annotations

import os

import click

from tfkg import config
from tfkg.cli._ctx import Ctx
from tfkg.errors import TfkgError
from tfkg.registry import Registry

# command name -> "module:attribute", in the order the help lists them (the one Registry mechanism: lazy)
COMMANDS: Registry[click.Command] = Registry(
    "command",
    {
        "activity": "tfkg.cli.activity:activity",
        "db": "tfkg.cli.db:db",
        "ingest": "tfkg.cli.ingest:ingest",
        "stats": "tfkg.cli.query:stats",
        "query": "tfkg.cli.query:query",
        "export": "tfkg.cli.export:export",
        "evaluate": "tfkg.cli.evaluate:evaluate_cmd",
        "evaluate-edges": "tfkg.cli.evaluate:evaluate_edges_cmd",
        "predict": "tfkg.cli.predict:predict_cmd",
        "case-study": "tfkg.cli.predict:case_study_cmd",
        "models": "tfkg.cli.ls:models_cmd",
        "runs": "tfkg.cli.runs:runs_group",
        "benchmark": "tfkg.cli.benchmark:benchmark_group",
        "explain": "tfkg.cli.explain:explain_cmd",
        "analyze": "tfkg.cli.analysis:analyze_group",
        "simulate": "tfkg.cli.analysis:simulate_group",
        "validate": "tfkg.cli.analysis:validate_group",
        "demo": "tfkg.cli.demo:demo",
        "ls": "tfkg.cli.ls:ls_cmd",
    },
)


class _Main(click.Group):
    """tfkg's own errors (``TfkgError``: configuration, input, missing data) end as one line and exit 1;
    anything else keeps its traceback. Commands load on first use (``COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return COMMANDS.names()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return COMMANDS.get(cmd_name) if cmd_name in COMMANDS else None

    def invoke(self, ctx: click.Context):
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        try:
            return super().invoke(ctx)
        except TfkgError as e:
            if os.environ.get("TFKG_DEBUG"):
                raise
            raise click.ClickException(str(e)) from e
        except (ServiceUnavailable, SessionExpired, AuthError) as e:
            if os.environ.get("TFKG_DEBUG"):
                raise
            click.echo(_server_message(ctx, e), err=True)
            ctx.exit(EXIT_AUTH if isinstance(e, AuthError) else EXIT_SERVER)


EXIT_SERVER, EXIT_AUTH = 3, 4


def _server_message(ctx: click.Context, e: Exception) -> str:
    """One message for a server that is gone or refuses the login: which server, what holds, what to do."""
    from neo4j.exceptions import AuthError

    try:
        uri = config.resolve_connection(**ctx.obj.conn).uri if ctx.obj else "the configured server"
    except TfkgError:
        uri = "the configured server"
    first = str(e).splitlines()[0] if str(e) else type(e).__name__
    if isinstance(e, AuthError):
        return (
            f"Error: Neo4j at {uri} refused the login ({first}). The managed server's password is in "
            "~/.config/tfkg/; for another server check NEO4J_USERNAME / NEO4J_PASSWORD."
        )
    return (
        f"Error: lost (or never had) the connection to Neo4j at {uri}: {first}\n"
        "Whatever the command had committed stays in the graph: tfkg writes in batches that are idempotent, "
        "so once the server is back (tfkg db status / tfkg db start for the managed one) the same command "
        "completes the work. TFKG_DEBUG=1 shows the traceback."
    )


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--uri", envvar="NEO4J_URI", help="Bolt URI of an external Neo4j (default: the managed server).")
@click.option("--user", envvar="NEO4J_USERNAME", help="Neo4j user name.")
@click.option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password (prefer the NEO4J_PASSWORD variable).")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database name (default neo4j).")
@click.option(
    "--profile",
    envvar="TFKG_PROFILE",
    default="default",
    show_default=True,
    help="Which managed server to use (default, or test for the disposable test server).",
)
@click.option("--debug", is_flag=True, envvar="TFKG_DEBUG", help="Show the full traceback of every error.")
@click.pass_context
def main(ctx: click.Context, uri, user, password, database, profile, debug) -> None:
    """tfkg: a Neo4j knowledge graph of transcription-factor regulation, and the models that predict it."""
    os.environ["TFKG_PROFILE"] = profile
    if debug:
        os.environ["TFKG_DEBUG"] = "1"
    ctx.obj = Ctx(uri=uri, user=user, password=password, database=database, profile=profile)


__all__ = ["main", "config"]

if __name__ == "__main__":
    main()
