package common

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/internal/cache"
	"fyne.io/fyne/v2/internal/theme"
)

// minSizeFullEvery is the longest time EnsureMinSize may look at the refreshed objects only;
// the whole walk also keeps every object's canvas alive in the cache, so it must stay under
// cache.ValidDuration (a minute).
const minSizeFullEvery = 30 * time.Second

// refreshedMinSizesUnchanged reports whether no minimum size can have changed since the last
// frame, looking only at the objects refreshed since then and what they contain: it holds when
// the canvas tracks damage, nothing but Refresh marked it dirty (no move, resize, show, hide,
// new content or overlay), the whole trees were walked less than minSizeFullEvery ago, each
// refreshed object was drawn in the last frame, and none of their minimum sizes changed.
// Objects added inside a refreshed one get their canvas here, as in the whole walk.
func (c *Canvas) refreshedMinSizesUnchanged(now time.Time) bool {
	if !c.trackDamage || c.structureDirty || now.Sub(c.minSizeWalked) >= minSizeFullEvery {
		return false
	}
	unchanged := true
	c.refreshQueue.dedup.Range(func(obj fyne.CanvasObject, _ struct{}) bool {
		node, ok := c.nodeOf[obj]
		unchanged = ok && node.obj == obj && node.paintFrame == c.damageFrame && c.subtreeMinSizesUnchanged(node)
		return unchanged
	})
	return unchanged
}

// subtreeMinSizesUnchanged compares the minimum size of the node's object, and of all it holds,
// with the size kept from the last whole walk.
func (c *Canvas) subtreeMinSizesUnchanged(node *RenderCacheNode) bool {
	var themes []fyne.Theme // of the containers above, outermost last
	for p := node.parent; p != nil; p = p.parent {
		if th, ok := p.obj.(*container.ThemeOverride); ok {
			themes = append(themes, th.Theme)
		}
	}
	for i := len(themes) - 1; i >= 0; i-- {
		theme.PushRenderingTheme(themes[i])
	}

	unchanged := true
	c.walkTree(&renderCacheTree{root: node}, func(n *RenderCacheNode, _ fyne.Position) {
		if th, ok := n.obj.(*container.ThemeOverride); ok && n.obj.Visible() {
			theme.PushRenderingTheme(th.Theme)
		}
	}, func(n *RenderCacheNode, _ fyne.Position) {
		obj := n.obj
		cache.SetCanvasForObject(obj, c.impl, func() {
			if img, ok := obj.(*canvas.Image); ok {
				img.Refresh() // this may now have a different texScale
			}
		})
		if !obj.Visible() {
			return
		}
		if obj.MinSize() != n.minSize {
			unchanged = false
		}
		if _, ok := obj.(*container.ThemeOverride); ok {
			theme.PopRenderingTheme()
		}
	})

	for range themes {
		theme.PopRenderingTheme()
	}
	return unchanged
}

// setRefreshDirty marks the canvas dirty for a refresh: unlike SetDirty, not for a change in
// what it holds or where.
func (c *Canvas) setRefreshDirty() {
	c.dirty = true
}
