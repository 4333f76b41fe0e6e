namespace ShapeSafe.Explain;

/// <summary>
/// Exact prime factorization of any positive 64-bit value in milliseconds: trial division by small primes, a
/// deterministic Miller-Rabin test (the first 12 prime bases are exact below 3.3 * 10^24) and Pollard's rho (Brent's
/// variant) for what is left. All products are taken in 128-bit arithmetic, so nothing overflows.
/// </summary>
internal static class IntegerFactorizer
{
    private const long TrialLimit = 1000;

    private static readonly ulong[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>The prime factors of <paramref name="value"/> (at least 2), in increasing order, with repetition.</summary>
    public static List<long> Factor(long value)
    {
        var factors = new List<long>();
        var rest = value;
        for (long p = 2; p <= TrialLimit && p <= rest / p; p++)
        {
            while (rest % p == 0)
            {
                factors.Add(p);
                rest /= p;
            }
        }

        if (rest > 1)
        {
            Split((ulong)rest, factors);
        }

        factors.Sort();
        return factors;
    }

    /// <summary>True when <paramref name="n"/> is prime (exact for every 64-bit value).</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (var p in Bases)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        var d = n - 1;
        var s = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            s++;
        }

        foreach (var a in Bases)
        {
            var x = PowMod(a, d, n);
            if (x == 1 || x == n - 1)
            {
                continue;
            }

            var composite = true;
            for (var r = 1; r < s; r++)
            {
                x = MulMod(x, x, n);
                if (x == n - 1)
                {
                    composite = false;
                    break;
                }
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }

    private static void Split(ulong n, List<long> factors)
    {
        if (n == 1)
        {
            return;
        }

        if (IsPrime(n))
        {
            factors.Add((long)n);
            return;
        }

        var divisor = Rho(n);
        Split(divisor, factors);
        Split(n / divisor, factors);
    }

    // Brent's variant of Pollard's rho; n is odd, composite and has no factor below TrialLimit.
    private static ulong Rho(ulong n)
    {
        for (ulong c = 1; ; c++)
        {
            ulong y = 2, x = 2, g = 1, q = 1, ys = 2;
            const int m = 128;
            var r = 1;
            while (g == 1)
            {
                x = y;
                for (var i = 0; i < r; i++)
                {
                    y = Step(y, c, n);
                }

                for (var k = 0; k < r && g == 1; k += m)
                {
                    ys = y;
                    for (var i = 0; i < Math.Min(m, r - k); i++)
                    {
                        y = Step(y, c, n);
                        q = MulMod(q, x > y ? x - y : y - x, n);
                    }

                    g = Gcd(q, n);
                }

                r *= 2;
            }

            if (g == n)
            {
                do
                {
                    ys = Step(ys, c, n);
                    g = Gcd(x > ys ? x - ys : ys - x, n);
                }
                while (g == 1);
            }

            if (g != n)
            {
                return g;
            }
        }
    }

    private static ulong Step(ulong y, ulong c, ulong n) => (ulong)(((UInt128)y * y + c) % n);

    private static ulong MulMod(ulong a, ulong b, ulong n) => (ulong)((UInt128)a * b % n);

    private static ulong PowMod(ulong b, ulong e, ulong n)
    {
        ulong result = 1;
        b %= n;
        while (e > 0)
        {
            if ((e & 1) == 1)
            {
                result = MulMod(result, b, n);
            }

            b = MulMod(b, b, n);
            e >>= 1;
        }

        return result;
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
