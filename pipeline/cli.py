"""Command line placeholder (replaced below)."""
import typer
app = typer.Typer()
