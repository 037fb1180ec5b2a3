from .cli import main

if __name__ == "__main__":  # not when a worker process (generator.output.formatting) starts
    raise SystemExit(main())
