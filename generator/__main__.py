from .cli import main

if __name__ == "__main__":  # not when a worker process (generator.formatting) starts
    raise SystemExit(main())
