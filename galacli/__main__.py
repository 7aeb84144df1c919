from galacli.entry import main

main()
