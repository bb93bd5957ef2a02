namespace AnomalyLab.Embeddings;

/// <summary>
/// Quadtree (2-D) / octree (3-D) over the embedding for the Barnes–Hut approximation: every cell keeps its point count,
/// barycentre and squared maximal width; leaves hold one point (exact duplicates share a leaf). Rebuilt every iteration.
/// </summary>
internal sealed class SpaceTree
{
    private readonly int _dims;
    private readonly int _children;
    private int _count;
    private double[] _center = [];      // [cell, dim]
    private double[] _half = [];        // [cell, dim] half widths
    private double[] _sum = [];         // [cell, dim] sum of point coordinates
    private int[] _size = [];
    private int[] _firstChild = [];     // −1 for leaves
    private int[] _point = [];          // leaf point (−1 if empty)
    private double[] _squaredMaxWidth = [];

    public SpaceTree(int dims)
    {
        _dims = dims;
        _children = 1 << dims;
    }

    public void Build(double[] y, int n)
    {
        int capacity = Math.Max(64, 4 * n * _children / 2);
        if (_size.Length < capacity) Allocate(capacity);
        _count = 0;
        Span<double> min = stackalloc double[_dims], max = stackalloc double[_dims];
        min.Fill(double.PositiveInfinity);
        max.Fill(double.NegativeInfinity);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < _dims; a++) { min[a] = Math.Min(min[a], y[i * _dims + a]); max[a] = Math.Max(max[a], y[i * _dims + a]); }
        int root = NewCell();
        for (int a = 0; a < _dims; a++)
        {
            // A small margin so points on the upper boundary fall strictly inside (as scikit-learn's tree).
            double hi = Math.Max(max[a] * (1 + 1e-3 * Math.Sign(max[a])), max[a] + 1e-3);
            _center[root * _dims + a] = (min[a] + hi) / 2;
            _half[root * _dims + a] = (hi - min[a]) / 2;
        }
        SetWidth(root);
        for (int i = 0; i < n; i++) Insert(root, i, y);
    }

    /// <summary>Repulsive force on point i: accumulates Σ size·q²·(y_i − barycentre) into <paramref name="force"/> and returns Σ size·q.</summary>
    public double Negative(double[] y, int i, double squaredTheta, double dof, Span<double> force)
    {
        Span<int> stack = stackalloc int[64 * _children];
        Span<double> delta = stackalloc double[_dims];
        int top = 0;
        stack[top++] = 0;
        double sumQ = 0;
        double exponent = (dof + 1) / 2;
        while (top > 0)
        {
            int cell = stack[--top];
            int size = _size[cell];
            if (size == 0) continue;
            double dist2 = 0;
            bool duplicate = true;
            for (int a = 0; a < _dims; a++)
            {
                delta[a] = y[i * _dims + a] - _sum[cell * _dims + a] / size;
                dist2 += delta[a] * delta[a];
                duplicate &= Math.Abs(delta[a]) <= 1e-6;
            }
            bool leaf = _firstChild[cell] < 0;
            if (leaf && duplicate) continue;   // no self-interaction
            if (leaf || _squaredMaxWidth[cell] / dist2 < squaredTheta)
            {
                double q = dof / (dof + dist2);
                if (dof != 1) q = Math.Pow(q, exponent);
                sumQ += size * q;
                double mult = size * q * q;
                for (int a = 0; a < _dims; a++) force[a] += mult * delta[a];
            }
            else
            {
                int first = _firstChild[cell];
                for (int c = 0; c < _children; c++) stack[top++] = first + c;
            }
        }
        return sumQ;
    }

    // Bounds the traversal stack in Negative: points closer than root width / 2^MaxDepth share a leaf.
    private const int MaxDepth = 60;

    private void Insert(int cell, int point, double[] y)
    {
        for (int depth = 0; ; depth++)
        {
            _size[cell]++;
            for (int a = 0; a < _dims; a++) _sum[cell * _dims + a] += y[point * _dims + a];
            if (_firstChild[cell] >= 0)
            {
                cell = _firstChild[cell] + Octant(cell, point, y);
                continue;
            }
            if (_size[cell] == 1) { _point[cell] = point; return; }
            int resident = _point[cell];
            bool same = true;
            for (int a = 0; a < _dims; a++) same &= y[resident * _dims + a] == y[point * _dims + a];
            if (same || depth >= MaxDepth) return;   // duplicate (or indistinguishable): the leaf counts both
            // Split: push the resident points (one position, possibly duplicated) down one level, then continue with the new point.
            int residentCount = _size[cell] - 1;
            int first = _count;
            for (int c = 0; c < _children; c++)
            {
                int child = NewCell();
                for (int a = 0; a < _dims; a++)
                {
                    double h = _half[cell * _dims + a] / 2;
                    _half[child * _dims + a] = h;
                    _center[child * _dims + a] = _center[cell * _dims + a] + (((c >> a) & 1) == 1 ? h : -h);
                }
                SetWidth(child);
            }
            _firstChild[cell] = first;
            _point[cell] = -1;
            int target = first + Octant(cell, resident, y);
            _size[target] = residentCount;
            _point[target] = resident;
            for (int a = 0; a < _dims; a++) _sum[target * _dims + a] = residentCount * y[resident * _dims + a];
            cell = first + Octant(cell, point, y);
        }
    }

    private int Octant(int cell, int point, double[] y)
    {
        int octant = 0;
        for (int a = 0; a < _dims; a++) if (y[point * _dims + a] >= _center[cell * _dims + a]) octant |= 1 << a;
        return octant;
    }

    private void SetWidth(int cell)
    {
        double w = 0;
        for (int a = 0; a < _dims; a++) w = Math.Max(w, 2 * _half[cell * _dims + a]);
        _squaredMaxWidth[cell] = w * w;
    }

    private int NewCell()
    {
        if (_count == _size.Length) Allocate(_size.Length * 2);
        int cell = _count++;
        _size[cell] = 0;
        _firstChild[cell] = -1;
        _point[cell] = -1;
        for (int a = 0; a < _dims; a++) _sum[cell * _dims + a] = 0;
        return cell;
    }

    private void Allocate(int capacity)
    {
        Array.Resize(ref _center, capacity * _dims);
        Array.Resize(ref _half, capacity * _dims);
        Array.Resize(ref _sum, capacity * _dims);
        Array.Resize(ref _size, capacity);
        Array.Resize(ref _firstChild, capacity);
        Array.Resize(ref _point, capacity);
        Array.Resize(ref _squaredMaxWidth, capacity);
    }
}
