from src.main import main


def test_main():
    main()
