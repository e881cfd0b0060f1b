"""The commands of the command line, one module each: argument parsing, one library call, printing."""
