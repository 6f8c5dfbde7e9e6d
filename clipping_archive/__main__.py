from clipping_archive.cli import main

main()
