#!/usr/bin/env python3
# Writes templates/{weekly,quarterly}.{en,zh}.md.liquid from shared blocks, so the built-in templates keep
# the same sections in both languages (and the weekly/quarterly differences are explicit below).
# Run after editing a block: python3 scripts/make-templates.py
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')

B = {}

B['head', 'en'] = """# {{ meta.title }}

**{{ meta.period.label | label }}**{% if meta.period.start != '' %} ({{ meta.period.start }} to {{ meta.period.end }}{% if meta.period.partial %}; partial: data {{ meta.period.coveredStart }} to {{ meta.period.coveredEnd }}{% endif %}){% endif %}{% if meta.comparison %} · compared with {{ meta.comparison.label }}{% if meta.comparison.partial %} (partial){% endif %}{% endif %} · {{ meta.n }} responses{% if meta.comparison %} ({{ meta.nComparison }} in {{ meta.comparison.label }}){% endif %}{% if meta.generatedAt != '' %} · data up to {{ meta.generatedAt }}{% endif %}
"""
B['head', 'zh'] = """# {{ meta.title }}

**{{ meta.period.label | label }}**{% if meta.period.start != '' %}（{{ meta.period.start }} 至 {{ meta.period.end }}{% if meta.period.partial %}；不完整：数据仅覆盖 {{ meta.period.coveredStart }} 至 {{ meta.period.coveredEnd }}{% endif %}）{% endif %}{% if meta.comparison %} · 对比 {{ meta.comparison.label }}{% if meta.comparison.partial %}（不完整）{% endif %}{% endif %} · {{ meta.n }} 份答卷{% if meta.comparison %}（{{ meta.comparison.label }}：{{ meta.nComparison }} 份）{% endif %}{% if meta.generatedAt != '' %} · 数据截至 {{ meta.generatedAt }}{% endif %}
"""

B['summary', 'en'] = """{% if headlines.size > 0 %}
## Executive summary

{% for h in headlines %}- {{ h.text }}
{% endfor %}{% endif -%}
"""
B['summary', 'zh'] = """{% if headlines.size > 0 %}
## 执行摘要

{% for h in headlines %}- {{ h.text }}
{% endfor %}{% endif -%}
"""

B['alerts', 'en'] = """
## Alerts

{% if alerts.size > 0 %}{% for a in alerts %}- {% if a.tone == 'bad' %}🔴{% elsif a.tone == 'good' %}🟢{% else %}ℹ️{% endif %} {{ a.text }}
{% endfor %}{% else %}No significant change, no missed target.
{% endif -%}
"""
B['alerts', 'zh'] = """
## 预警

{% if alerts.size > 0 %}{% for a in alerts %}- {% if a.tone == 'bad' %}🔴{% elsif a.tone == 'good' %}🟢{% else %}ℹ️{% endif %} {{ a.text }}
{% endfor %}{% else %}无显著变化，无未达成的目标。
{% endif -%}
"""

B['kpis', 'en'] = """
## Headline

{% if kpis.size > 0 -%}
| Metric | Score | 95% CI | n | Target | Previous | Change | p |
|---|---:|---:|---:|---|---:|---:|---:|
{% for k in kpis -%}
| {{ k.name }}{% if k.unstable %} ⚠{% endif %} | {% if k.unit == '%' %}{{ k.value | pct: k.digits }}{% else %}{{ k.value | num: k.digits }}{% endif %} | {{ k.ci95 | ci: k.digits }} | {{ k.n }} | {% if k.target %}{{ k.targetText }} {% if k.targetMet %}✅ {{ 'met' | label }}{% else %}❌ {{ 'missed' | label }}{% endif %}{% else %}–{% endif %} | {{ k.previous | num: k.digits }} | {{ k.change | signed: k.digits }} {{ k.change | arrow: k.significant, k.digits }} | {{ k.p | pvalue }} |
{% endfor %}
{% if kpi.nps %}NPS: {{ kpi.nps.cell.promoters }} {{ 'promoters' | label | downcase }} ({{ kpi.nps.split.pctPromoters | pct: 0 }}), {{ kpi.nps.cell.passives }} {{ 'passives' | label | downcase }} ({{ kpi.nps.split.pctPassives | pct: 0 }}), {{ kpi.nps.cell.detractors }} {{ 'detractors' | label | downcase }} ({{ kpi.nps.split.pctDetractors | pct: 0 }}). {% endif %}▲▼ = change versus {% if meta.comparison %}{{ meta.comparison.label }}{% else %}the previous period{% endif %}; * = significant at 5%; ⚠ = fewer than 30 answers.
{%- else -%}
No NPS, CSAT or CES question in the data.
{%- endif %}
"""
B['kpis', 'zh'] = """
## 核心指标

{% if kpis.size > 0 -%}
| 指标 | 得分 | 95% 置信区间 | n | 目标 | 上期 | 变化 | p |
|---|---:|---:|---:|---|---:|---:|---:|
{% for k in kpis -%}
| {{ k.name }}{% if k.unstable %} ⚠{% endif %} | {% if k.unit == '%' %}{{ k.value | pct: k.digits }}{% else %}{{ k.value | num: k.digits }}{% endif %} | {{ k.ci95 | ci: k.digits }} | {{ k.n }} | {% if k.target %}{{ k.targetText }} {% if k.targetMet %}✅ {{ 'met' | label }}{% else %}❌ {{ 'missed' | label }}{% endif %}{% else %}–{% endif %} | {{ k.previous | num: k.digits }} | {{ k.change | signed: k.digits }} {{ k.change | arrow: k.significant, k.digits }} | {{ k.p | pvalue }} |
{% endfor %}
{% if kpi.nps %}NPS：{{ 'promoters' | label }} {{ kpi.nps.cell.promoters }} 人（{{ kpi.nps.split.pctPromoters | pct: 0 }}），{{ 'passives' | label }} {{ kpi.nps.cell.passives }} 人（{{ kpi.nps.split.pctPassives | pct: 0 }}），{{ 'detractors' | label }} {{ kpi.nps.cell.detractors }} 人（{{ kpi.nps.split.pctDetractors | pct: 0 }}）。{% endif %}▲▼ = 相对{% if meta.comparison %} {{ meta.comparison.label }} {% else %}上期{% endif %}的变化；* = 5% 水平显著；⚠ = 答案少于 30 个。
{%- else -%}
数据中没有 NPS、CSAT 或 CES 题目。
{%- endif %}
"""

B['trend', 'en'] = """{% if trends %}
## Trend (by {{ trends.grain | label }})

{% for c in chart_list %}{% if c.id contains 'trend-' %}![{{ c.title }}]({{ c.file }})

{% endif %}{% endfor -%}
| {{ trends.grain | label | capitalize }} | n |{% for m in trends.metrics %} {{ m | upcase }} | 95% CI |{% endfor %}
|---|---:|{% for m in trends.metrics %}---:|---:|{% endfor %}
{% for p in trends.points -%}
| {{ p.period }}{% if p.partial %} (partial){% endif %} | {{ p.n }} |{% for m in trends.metrics %} {{ p.values[m] | num: digits[m] }} | {{ p.ci95[m] | ci: digits[m] }} |{% endfor %}
{% endfor -%}
{% endif -%}
"""
B['trend', 'zh'] = """{% if trends %}
## 趋势（按{{ trends.grain | label }}）

{% for c in chart_list %}{% if c.id contains 'trend-' %}![{{ c.title }}]({{ c.file }})

{% endif %}{% endfor -%}
| {{ trends.grain | label }} | n |{% for m in trends.metrics %} {{ m | upcase }} | 95% 置信区间 |{% endfor %}
|---|---:|{% for m in trends.metrics %}---:|---:|{% endfor %}
{% for p in trends.points -%}
| {{ p.period }}{% if p.partial %}（不完整）{% endif %} | {{ p.n }} |{% for m in trends.metrics %} {{ p.values[m] | num: digits[m] }} | {{ p.ci95[m] | ci: digits[m] }} |{% endfor %}
{% endfor -%}
{% endif -%}
"""

B['segments', 'en'] = """{% if segments %}
## Segments
{% for c in chart_list %}{% if c.id contains 'segments-' %}
![{{ c.title }}]({{ c.file }})
{% endif %}{% endfor %}
{% for seg in segments %}
### {{ seg.label | cell }}

| {{ seg.column | cell }} | n |{% for k in kpis %} {{ k.name }} | Δ |{% endfor %}
|---|---:|{% for k in kpis %}---:|---:|{% endfor %}
{% for r in seg.rows -%}
| {{ r.value | cell }}{% if r.unstable %} ⚠{% endif %} | {{ r.n }} |{% for k in kpis %}{% assign vr = r.vsRest[k.metric] %} {{ r.values[k.metric] | num: k.digits }}{% if vr and vr.significant %}{% if vr.diff > 0 %} ↑{% else %} ↓{% endif %}{% endif %} | {{ r.change[k.metric] | signed: k.digits }}{% if r.changeSignificant[k.metric] %}*{% endif %} |{% endfor %}
{% endfor -%}
{% endfor %}
↑↓ = significantly above / below the other respondents (5%); Δ = change versus {% if meta.comparison %}{{ meta.comparison.label }}{% else %}the previous period{% endif %}, * = significant; ⚠ = fewer than 30 answers.
{% endif -%}
"""
B['segments', 'zh'] = """{% if segments %}
## 细分
{% for c in chart_list %}{% if c.id contains 'segments-' %}
![{{ c.title }}]({{ c.file }})
{% endif %}{% endfor %}
{% for seg in segments %}
### {{ seg.label | cell }}

| {{ seg.column | cell }} | n |{% for k in kpis %} {{ k.name }} | Δ |{% endfor %}
|---|---:|{% for k in kpis %}---:|---:|{% endfor %}
{% for r in seg.rows -%}
| {{ r.value | cell }}{% if r.unstable %} ⚠{% endif %} | {{ r.n }} |{% for k in kpis %}{% assign vr = r.vsRest[k.metric] %} {{ r.values[k.metric] | num: k.digits }}{% if vr and vr.significant %}{% if vr.diff > 0 %} ↑{% else %} ↓{% endif %}{% endif %} | {{ r.change[k.metric] | signed: k.digits }}{% if r.changeSignificant[k.metric] %}*{% endif %} |{% endfor %}
{% endfor -%}
{% endfor %}
↑↓ = 显著高于 / 低于其余答卷者（5% 水平）；Δ = 相对{% if meta.comparison %} {{ meta.comparison.label }} {% else %}上期{% endif %}的变化，* = 显著；⚠ = 答案少于 30 个。
{% endif -%}
"""

B['kano', 'en'] = """{% if kano %}
## Kano: what features mean to customers

{% if charts.kano %}![Kano]({{ charts.kano }})

{% endif -%}
| Feature | n | Category | A | O | M | I | R | Q | Better | Worse |
|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
{% for f in kano.features -%}
| {{ f.feature | cell }}{% if f.n < 30 %} ⚠{% endif %} | {{ f.n }} | {{ f.category | label }}{% if f.significant == false %} (not significant){% endif %} | {{ f.counts.A }} | {{ f.counts.O }} | {{ f.counts.M }} | {{ f.counts.I }} | {{ f.counts.R }} | {{ f.counts.Q }} | {{ f.better | num: 2 }} | {{ f.worse | num: 2 }} |
{% endfor -%}
{% endif -%}
"""
B['kano', 'zh'] = """{% if kano %}
## Kano：功能对客户意味着什么

{% if charts.kano %}![Kano]({{ charts.kano }})

{% endif -%}
| 功能 | n | 类别 | A | O | M | I | R | Q | Better | Worse |
|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|
{% for f in kano.features -%}
| {{ f.feature | cell }}{% if f.n < 30 %} ⚠{% endif %} | {{ f.n }} | {{ f.category | label }}{% if f.significant == false %}（不显著）{% endif %} | {{ f.counts.A }} | {{ f.counts.O }} | {{ f.counts.M }} | {{ f.counts.I }} | {{ f.counts.R }} | {{ f.counts.Q }} | {{ f.better | num: 2 }} | {{ f.worse | num: 2 }} |
{% endfor -%}
{% endif -%}
"""

B['servqual', 'en'] = """{% if servqual %}
## SERVQUAL: expectation versus perception

{% if charts.servqual %}![SERVQUAL]({{ charts.servqual }})

{% endif -%}
| Dimension | Expectation | Perception | Gap | α |
|---|---:|---:|---:|---:|
{% for d in servqual.dimensions -%}
| {{ d.dimension | label }} | {{ d.expectation | num: 2 }} | {{ d.perception | num: 2 }} | {{ d.gap | signed: 2 }} | {{ d.alpha | num: 2 }} |
{% endfor %}
Overall gap: {{ servqual.overall.unweighted | signed: 2 }}{% if servqual.overall.weighted != nil %} (weighted {{ servqual.overall.weighted | signed: 2 }}){% endif %}{% if servqual.n %}; n = {{ servqual.n }}{% endif %}.
{% endif -%}
"""
B['servqual', 'zh'] = """{% if servqual %}
## SERVQUAL：期望与感知

{% if charts.servqual %}![SERVQUAL]({{ charts.servqual }})

{% endif -%}
| 维度 | 期望 | 感知 | 差距 | α |
|---|---:|---:|---:|---:|
{% for d in servqual.dimensions -%}
| {{ d.dimension | label }} | {{ d.expectation | num: 2 }} | {{ d.perception | num: 2 }} | {{ d.gap | signed: 2 }} | {{ d.alpha | num: 2 }} |
{% endfor %}
总体差距：{{ servqual.overall.unweighted | signed: 2 }}{% if servqual.overall.weighted != nil %}（加权 {{ servqual.overall.weighted | signed: 2 }}）{% endif %}{% if servqual.n %}；n = {{ servqual.n }}{% endif %}。
{% endif -%}
"""

B['drivers', 'en'] = """{% if drivers %}
## Key drivers of {{ drivers.outcome | cell }}

{% if charts.drivers %}![Drivers]({{ charts.drivers }})

{% endif -%}
n = {{ drivers.n }}, R² = {{ drivers.r2 | num: 3 }}.

| Driver | r | Weight | Performance{% if drivers.performanceUnit == '%' %} (top-2-box){% endif %} | Quadrant |
|---|---:|---:|---:|---|
{% for d in drivers.drivers -%}
| {{ d.label | cell }} | {{ d.r | num: 2 }} | {{ d.weightPct | pct }} | {% if drivers.performanceUnit == '%' %}{{ d.performance | pct }}{% else %}{{ d.performance | num: 2 }}{% endif %} | {% if d.quadrant == 'concentrate' %}**{{ d.quadrant | label }}**{% else %}{{ d.quadrant | label }}{% endif %} |
{% endfor -%}
{% endif -%}
"""
B['drivers', 'zh'] = """{% if drivers %}
## {{ drivers.outcome | cell }} 的关键驱动因素

{% if charts.drivers %}![驱动因素]({{ charts.drivers }})

{% endif -%}
n = {{ drivers.n }}，R² = {{ drivers.r2 | num: 3 }}。

| 驱动因素 | r | 权重 | 表现{% if drivers.performanceUnit == '%' %}（前两项占比）{% endif %} | 象限 |
|---|---:|---:|---:|---|
{% for d in drivers.drivers -%}
| {{ d.label | cell }} | {{ d.r | num: 2 }} | {{ d.weightPct | pct }} | {% if drivers.performanceUnit == '%' %}{{ d.performance | pct }}{% else %}{{ d.performance | num: 2 }}{% endif %} | {% if d.quadrant == 'concentrate' %}**{{ d.quadrant | label }}**{% else %}{{ d.quadrant | label }}{% endif %} |
{% endfor -%}
{% endif -%}
"""

B['journey', 'en'] = "{% if journey %}\n## Customer journey: pain, itch and delight points\n\n{% if charts.journey %}![Journey map]({{ charts.journey }})\n\n{% endif -%}\nOutcome {{ journey.outcomeLabel | cell }}: n = {{ journey.n }}, R² = {{ journey.r2 | num: 2 }}; category by impact asymmetry (θ = {{ journey.theta }}).\n\n| Stage | Touchpoint | Mean | 95% CI | Target | Change | Penalty | Reward | IA | Category | AIPA | Owner |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n{% for t in journey.touchpoints -%}\n| {{ t.stage | cell }} | {{ t.touchpoint | cell }} | {{ t.mean | num: 2 }} | {{ t.ci95 | ci: 2 }} | {% if t.target != nil %}{{ t.target | num: 1 }} {% if t.targetMet %}✓{% else %}✗{% endif %}{% endif %} | {{ t.change | signed: 2 }} | {{ t.bLow | num: 2 }} | {{ t.bHigh | num: 2 }} | {{ t.ia | num: 2 }} | {{ t.label }}{% if t.signsOk == false %} ⚠{% endif %} | {{ t.aipa | default: '–' }} | {{ t.owner | default: '' | cell }} |\n{% endfor %}\nPenalty/reward: change in the outcome when a touchpoint is rated low/high instead of middling. ⚠ = sign anomaly, review before acting. AIPA priority: LB > LP > LE > HB > HP > HE.\n{% endif -%}\n"
B['journey', 'zh'] = "{% if journey %}\n## 客户旅程：痛点、痒点与爽点\n\n{% if charts.journey %}![客户旅程地图]({{ charts.journey }})\n\n{% endif -%}\n结果变量 {{ journey.outcomeLabel | cell }}：n = {{ journey.n }}，R² = {{ journey.r2 | num: 2 }}；按影响不对称性分类（θ = {{ journey.theta }}）。\n\n| 阶段 | 触点 | 均值 | 95% 置信区间 | 目标 | 变化 | 惩罚 | 奖励 | IA | 类别 | AIPA | 负责人 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n{% for t in journey.touchpoints -%}\n| {{ t.stage | cell }} | {{ t.touchpoint | cell }} | {{ t.mean | num: 2 }} | {{ t.ci95 | ci: 2 }} | {% if t.target != nil %}{{ t.target | num: 1 }} {% if t.targetMet %}✓{% else %}✗{% endif %}{% endif %} | {{ t.change | signed: 2 }} | {{ t.bLow | num: 2 }} | {{ t.bHigh | num: 2 }} | {{ t.ia | num: 2 }} | {{ t.label }}{% if t.signsOk == false %} ⚠{% endif %} | {{ t.aipa | default: '–' }} | {{ t.owner | default: '' | cell }} |\n{% endfor %}\n惩罚/奖励：触点评分为低分/高分（相对于中间分）时结果变量的变化。⚠ = 符号异常，行动前请复核。AIPA 优先级：LB > LP > LE > HB > HP > HE。\n{% endif -%}\n"

B['themes', 'en'] = """{% if themes %}
## What customers talk about

{{ themes.nComments }} comments in {% if meta.period.kind == 'all' %}all responses{% else %}{{ meta.period.label }}{% endif %}{% if themes.sentiment %} · {{ themes.sentiment.positive | pct: 0 }} positive, {{ themes.sentiment.negative | pct: 0 }} negative{% endif %}.

{% if charts.themes %}![Themes]({{ charts.themes }})

{% endif -%}
{% if themes.source == 'codeframe' -%}
| Theme | Comments | % | Change | Among detractors | Negative | Owner |
|---|---:|---:|---:|---:|---:|---|
{% for th in themes.themes -%}{% if th.count > 0 or th.change != nil -%}
| {% if th.net %}**{{ th.name | cell }}**{% elsif th.level > 0 %}↳ {{ th.name | cell }}{% else %}{{ th.name | cell }}{% endif %} | {{ th.count }} | {{ th.pct | pct }} | {{ th.change | signed }} | {% if th.detractors %}{{ th.detractors.pct | pct }}{% else %}–{% endif %} | {% if th.sentiment %}{{ th.sentiment.negative | pct: 0 }}{% else %}–{% endif %} | {{ th.owner | default: '' | cell }} |
{% endif %}{% endfor -%}
{% else -%}
| Theme (discovered) | Comments | % |
|---|---:|---:|
{% for th in themes.themes -%}
| {{ th.name | cell }} | {{ th.count }} | {{ th.pct | pct }} |
{% endfor -%}
{% endif -%}
{% if themes.impact %}
### Theme impact on {{ themes.impact.metric | upcase }}

{{ themes.impact.metric | upcase }} of commenters who mention each theme versus those who do not (n = {{ themes.impact.n }} commenters with a score), largest impact first.

| Theme | Effect | Mention it | {{ themes.impact.metric | upcase }} (mention) | {{ themes.impact.metric | upcase }} (others) | Difference | 95% CI | p |
|---|---|---:|---:|---:|---:|---:|---:|
{% for r in themes.impact.rows limit: 15 -%}
| {{ r.name | cell }}{% if r.unstable %} ⚠{% endif %} | {{ r.kind | label }} | {{ r.nWith }} | {{ r.with | num }} | {{ r.without | num }} | {{ r.diff | signed }}{% if r.significant %}*{% endif %} | {{ r.ci95 | ci }} | {{ r.p | pvalue }} |
{% endfor -%}
{% endif -%}
{% endif -%}
"""
B['themes', 'zh'] = """{% if themes %}
## 客户在谈论什么

{% if meta.period.kind == 'all' %}全部答卷{% else %}{{ meta.period.label }}{% endif %}共 {{ themes.nComments }} 条评论{% if themes.sentiment %} · 正面 {{ themes.sentiment.positive | pct: 0 }}，负面 {{ themes.sentiment.negative | pct: 0 }}{% endif %}。

{% if charts.themes %}![主题]({{ charts.themes }})

{% endif -%}
{% if themes.source == 'codeframe' -%}
| 主题 | 评论数 | % | 变化 | 贬损者中 | 负面 | 负责人 |
|---|---:|---:|---:|---:|---:|---|
{% for th in themes.themes -%}{% if th.count > 0 or th.change != nil -%}
| {% if th.net %}**{{ th.name | cell }}**{% elsif th.level > 0 %}↳ {{ th.name | cell }}{% else %}{{ th.name | cell }}{% endif %} | {{ th.count }} | {{ th.pct | pct }} | {{ th.change | signed }} | {% if th.detractors %}{{ th.detractors.pct | pct }}{% else %}–{% endif %} | {% if th.sentiment %}{{ th.sentiment.negative | pct: 0 }}{% else %}–{% endif %} | {{ th.owner | default: '' | cell }} |
{% endif %}{% endfor -%}
{% else -%}
| 主题（自动发现） | 评论数 | % |
|---|---:|---:|
{% for th in themes.themes -%}
| {{ th.name | cell }} | {{ th.count }} | {{ th.pct | pct }} |
{% endfor -%}
{% endif -%}
{% if themes.impact %}
### 主题对 {{ themes.impact.metric | upcase }} 的影响

提及各主题的留言者与未提及者的 {{ themes.impact.metric | upcase }} 对比（n = {{ themes.impact.n }} 位有评分的留言者），按影响大小排序。

| 主题 | 作用 | 提及人数 | {{ themes.impact.metric | upcase }}（提及） | {{ themes.impact.metric | upcase }}（其他） | 差值 | 95% 置信区间 | p |
|---|---|---:|---:|---:|---:|---:|---:|
{% for r in themes.impact.rows limit: 15 -%}
| {{ r.name | cell }}{% if r.unstable %} ⚠{% endif %} | {{ r.kind | label }} | {{ r.nWith }} | {{ r.with | num }} | {{ r.without | num }} | {{ r.diff | signed }}{% if r.significant %}*{% endif %} | {{ r.ci95 | ci }} | {{ r.p | pvalue }} |
{% endfor -%}
{% endif -%}
{% endif -%}
"""

B['verbatims', 'en'] = """{% if verbatims %}
## In their own words
{% for v in verbatims %}
> {{ v.text | cell }}
>
> — {% if v.score != nil %}score {{ v.score }}{% endif %}{% if v.segment %}, {{ v.segment }}{% endif %}{% if v.date %}, {{ v.date }}{% endif %}{% if v.themes.size > 0 %} · {{ v.themes | join: ', ' }}{% endif %}
{% endfor -%}
{% endif -%}
"""
B['verbatims', 'zh'] = """{% if verbatims %}
## 客户原话
{% for v in verbatims %}
> {{ v.text | cell }}
>
> — {% if v.score != nil %}评分 {{ v.score }}{% endif %}{% if v.segment %}，{{ v.segment }}{% endif %}{% if v.date %}，{{ v.date }}{% endif %}{% if v.themes.size > 0 %} · {{ v.themes | join: '、' }}{% endif %}
{% endfor -%}
{% endif -%}
"""

ROUTED_EN = """{% if followUpSummary and followUpSummary.multiRouted > 0 %}{{ followUpSummary.comments }} comments to follow up; {{ followUpSummary.multiRouted }} of them are routed to several owners and counted under each ({{ followUpSummary.assignments }} assignments).
{% endif -%}"""
ROUTED_ZH = """{% if followUpSummary and followUpSummary.multiRouted > 0 %}共 {{ followUpSummary.comments }} 条评论待跟进；其中 {{ followUpSummary.multiRouted }} 条分派给多位负责人，在每位负责人下各计一次（共 {{ followUpSummary.assignments }} 次分派）。
{% endif -%}"""

B['followups-weekly', 'en'] = """{% if followUps %}
## Follow-ups (detractors who left a comment)

""" + ROUTED_EN + """{% for g in followUps %}
### {{ g.owner | label | cell }} ({{ g.items.size }}{% if g.shared %}, {{ g.shared }} shared with other owners{% endif %})

| Response | Date | Score |{% for s in segmentColumns %} {{ s.column | cell }} |{% endfor %} Comment | Themes |
|---|---|---:|{% for s in segmentColumns %}---|{% endfor %}---|---|
{% for it in g.items limit: 50 -%}
| {{ it.id | default: '' | cell }} | {{ it.date | default: '' }} | {{ it.score }} |{% for s in segmentColumns %} {{ it.segments[s.column] | default: '' | cell }} |{% endfor %} {{ it.text | truncate: 200 | cell }} | {{ it.themes | join: ', ' | cell }}{% if it.alsoRoutedTo %} (also: {{ it.alsoRoutedTo | join: ', ' | cell }}){% endif %} |
{% endfor -%}
{% if g.items.size > 50 %}… and {{ g.items.size | minus: 50 }} more (all of them are in the XLSX report, one sheet per owner).
{% endif -%}
{% endfor -%}
{% endif -%}
"""
B['followups-weekly', 'zh'] = """{% if followUps %}
## 待跟进（留下评论的贬损者）

""" + ROUTED_ZH + """{% for g in followUps %}
### {{ g.owner | label | cell }}（{{ g.items.size }}{% if g.shared %}，其中 {{ g.shared }} 条同时分派给其他负责人{% endif %}）

| 答卷 | 日期 | 评分 |{% for s in segmentColumns %} {{ s.column | cell }} |{% endfor %} 评论 | 主题 |
|---|---|---:|{% for s in segmentColumns %}---|{% endfor %}---|---|
{% for it in g.items limit: 50 -%}
| {{ it.id | default: '' | cell }} | {{ it.date | default: '' }} | {{ it.score }} |{% for s in segmentColumns %} {{ it.segments[s.column] | default: '' | cell }} |{% endfor %} {{ it.text | truncate: 200 | cell }} | {{ it.themes | join: '、' | cell }}{% if it.alsoRoutedTo %}（同时：{{ it.alsoRoutedTo | join: '、' | cell }}）{% endif %} |
{% endfor -%}
{% if g.items.size > 50 %}……另有 {{ g.items.size | minus: 50 }} 条（XLSX 报告中每位负责人一个工作表，包含全部）。
{% endif -%}
{% endfor -%}
{% endif -%}
"""

B['followups-quarterly', 'en'] = """{% if followUps %}
## Follow-ups by owner

""" + ROUTED_EN + """
| Owner | Detractors with a comment | Also routed to another owner |
|---|---:|---:|
{% for g in followUps -%}
| {{ g.owner | label | cell }} | {{ g.items.size }} | {{ g.shared | default: 0 }} |
{% endfor -%}
{% endif -%}
"""
B['followups-quarterly', 'zh'] = """{% if followUps %}
## 按负责人的待跟进

""" + ROUTED_ZH + """
| 负责人 | 留下评论的贬损者 | 同时分派给其他负责人 |
|---|---:|---:|
{% for g in followUps -%}
| {{ g.owner | label | cell }} | {{ g.items.size }} | {{ g.shared | default: 0 }} |
{% endfor -%}
{% endif -%}
"""

B['method', 'en'] = """{% if method %}
## Method and sample

{{ method.n }} responses in {{ meta.period.label | label }}{% if method.nComparison != nil %}, {{ method.nComparison }} in {{ meta.comparison.label }}{% endif %}{% if method.rowsRead %}; the import read {{ method.rowsRead }} rows and kept {{ method.rowsKept }}{% endif %}.

| Base | n | Margin of error (95%) |
|---|---:|---:|
{% for b in method.bases -%}
| {{ b.name }} | {{ b.n }} | ± {{ b.moe95 | num: digits[b.metric] }}{% if b.unit == '%' %} pts{% endif %} |
{% endfor -%}
{% if method.questions %}
| Question | Answered | Used | No answer | Unreadable | Out of scale |
|---|---:|---:|---:|---:|---:|
{% for q in method.questions -%}
| {{ q.question | cell }} | {{ q.answered }} | {{ q.used }} | {{ q.excluded.missing }} | {{ q.excluded.unreadable }} | {{ q.excluded.outOfScale }} |
{% endfor -%}
{% endif -%}
{% if method.exclusions.size > 0 %}
Excluded at import: {% for e in method.exclusions %}{{ e.reason | label }} {{ e.count }}{% unless forloop.last %}, {% endunless %}{% endfor %}.
{% endif %}
{% for s in method.statistics %}- {{ s }}
{% endfor %}{% endif -%}
"""
B['method', 'zh'] = """{% if method %}
## 方法与样本

{{ meta.period.label | label }} 共 {{ method.n }} 份答卷{% if method.nComparison != nil %}，{{ meta.comparison.label }} 共 {{ method.nComparison }} 份{% endif %}{% if method.rowsRead %}；导入时读取 {{ method.rowsRead }} 行，保留 {{ method.rowsKept }} 行{% endif %}。

| 样本 | n | 误差范围（95%） |
|---|---:|---:|
{% for b in method.bases -%}
| {{ b.name }} | {{ b.n }} | ± {{ b.moe95 | num: digits[b.metric] }}{% if b.unit == '%' %} 个百分点{% endif %} |
{% endfor -%}
{% if method.questions %}
| 题目 | 作答 | 使用 | 未作答 | 无法识别 | 超出量表 |
|---|---:|---:|---:|---:|---:|
{% for q in method.questions -%}
| {{ q.question | cell }} | {{ q.answered }} | {{ q.used }} | {{ q.excluded.missing }} | {{ q.excluded.unreadable }} | {{ q.excluded.outOfScale }} |
{% endfor -%}
{% endif -%}
{% if method.exclusions.size > 0 %}
导入时排除：{% for e in method.exclusions %}{{ e.reason | label }} {{ e.count }}{% unless forloop.last %}，{% endunless %}{% endfor %}。
{% endif %}
{% for s in method.statistics %}- {{ s }}
{% endfor %}{% endif -%}
"""

B['notes', 'en'] = """{% if notes.size > 0 or warnings.size > 0 %}
## Notes

{% for n in notes %}- {{ n.text }}
{% endfor %}{% for w in warnings %}- ⚠ {{ w }}
{% endfor %}
{% endif %}
---
Generated by cx from {{ meta.source | join: ', ' }} (template {{ meta.template }}).
"""
B['notes', 'zh'] = """{% if notes.size > 0 or warnings.size > 0 %}
## 说明

{% for n in notes %}- {{ n.text }}
{% endfor %}{% for w in warnings %}- ⚠ {{ w }}
{% endfor %}
{% endif %}
---
由 cx 根据 {{ meta.source | join: '、' }} 生成（模板 {{ meta.template }}）。
"""

# The section order of each built-in template; src/report/sections.ts lists the same ids for XLSX/PPTX.
ORDER = {
    'weekly': ['head', 'summary', 'alerts', 'kpis', 'trend', 'segments', 'kano', 'servqual', 'drivers', 'journey', 'themes', 'verbatims', 'followups-weekly', 'method', 'notes'],
    'quarterly': ['head', 'summary', 'kpis', 'trend', 'segments', 'kano', 'servqual', 'drivers', 'journey', 'themes', 'verbatims', 'followups-quarterly', 'method', 'notes'],
}

for tpl, order in ORDER.items():
    for lang in ('en', 'zh'):
        text = ''.join(B[b, lang] for b in order)
        with open(os.path.join(ROOT, 'templates', f'{tpl}.{lang}.md.liquid'), 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
print('templates written')
