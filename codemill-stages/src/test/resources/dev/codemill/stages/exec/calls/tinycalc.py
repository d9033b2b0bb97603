"""A tiny module for Codemill's observed-call tests (exec_tasks): its test is test/test_tinycalc.py."""
import random


class Box:
    pass


def add(a, b=1):
    """Sum of a and b; the docstring is left out of a record's code."""
    return a + b


def parse_pair(text):
    left, right = text.split(",")
    return int(left), int(right)


def mean(values):
    return sum(values) / len(values)


def lucky():
    return random.random()


def shout(word, *, times=1):
    return (word.upper() + "!") * times


def wrap(x):
    return Box()


def checked(text):
    try:
        return int(text)
    except ValueError as e:
        raise KeyError(text) from e
