package geo

import (
	"fmt"
	"strconv"
)

// parsePath reads back what Path writes: M with an absolute point, then l
// with relative steps, z ending a ring. It returns each subpath's absolute
// grid points and panics on anything else, since it only reads Path's output.
func parsePath(d string) [][]gridPoint {
	var out [][]gridPoint
	var nums []int
	var cmd byte
	flush := func() {
		switch cmd {
		case 'M':
			if len(nums) != 2 {
				panic(fmt.Sprintf("parsePath: M with %d numbers in %q", len(nums), d))
			}
			out = append(out, []gridPoint{{nums[0], nums[1]}})
		case 'l':
			if len(nums)%2 != 0 {
				panic(fmt.Sprintf("parsePath: l with %d numbers in %q", len(nums), d))
			}
			sub := out[len(out)-1]
			for i := 0; i < len(nums); i += 2 {
				p := sub[len(sub)-1]
				sub = append(sub, gridPoint{p[0] + nums[i], p[1] + nums[i+1]})
			}
			out[len(out)-1] = sub
		}
		nums = nums[:0]
	}
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == 'M' || c == 'l' || c == 'z':
			flush()
			cmd = c
			i++
		case c == ' ':
			i++
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(d) && d[j] >= '0' && d[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(d[i:j])
			if err != nil {
				panic(err)
			}
			nums = append(nums, n)
			i = j
		default:
			panic(fmt.Sprintf("parsePath: unexpected %q in %q", c, d))
		}
	}
	flush()
	return out
}
