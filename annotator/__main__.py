from annotator.launch import main

main()
