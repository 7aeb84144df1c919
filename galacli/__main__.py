from galacli.cli import main

main()
