"""Entry point of the bundled app: the same command as the installed ``annotator``.

With no arguments it shows the welcome window (recent projects, new, open, the demo), as the installed
``annotator`` command does; ``annotator demo --no-window``, ``annotator export ...`` and
every other command work the same from the bundle.
"""

from annotator.launch import main

if __name__ == "__main__":
    main()
