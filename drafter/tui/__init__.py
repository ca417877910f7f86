"""The Textual shell over the drafter core: the only package that imports textual."""
