import unittest

import tinycalc


class TinyCalcTest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(tinycalc.add(2, 3), 5)
        self.assertEqual(tinycalc.add(2), 3)
        self.assertEqual(tinycalc.add(2, 3), 5)
        self.assertEqual(tinycalc.add([1], [2]), [1, 2])

    def test_lucky(self):
        self.assertLess(tinycalc.lucky(), 1.0)

    def test_mean(self):
        self.assertEqual(tinycalc.mean([1, 2, 3]), 2.0)
        self.assertEqual(tinycalc.mean(range(3)), 1.0)
        with self.assertRaises(ZeroDivisionError):
            tinycalc.mean([])

    def test_parse(self):
        self.assertEqual(tinycalc.parse_pair("1,2"), (1, 2))
        with self.assertRaises(ValueError):
            tinycalc.parse_pair("1;2")

    def test_shout(self):
        self.assertEqual(tinycalc.shout("hi", times=2), "HI!HI!")
        self.assertEqual(tinycalc.shout("a"), "A!")

    def test_checked(self):
        with self.assertRaises(KeyError):
            tinycalc.checked("x")

    def test_wrap(self):
        self.assertIsInstance(tinycalc.wrap(1), tinycalc.Box)


if __name__ == "__main__":
    unittest.main()
