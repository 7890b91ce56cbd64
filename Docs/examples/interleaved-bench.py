#!/usr/bin/env python3
"""Two builds of case-explorer by turns against grep and Python on one data folder: warm
`search`, `validate` and the first `search` after a data change (study.json touched first).
Prints the best and the median of each, and the ratios. Usage:
    python3 interleaved-bench.py OLD-BINARY NEW-BINARY DATA-FOLDER ROUNDS
Each binary keeps its index in a cache folder of its own under /tmp."""
import subprocess, time, os, statistics, sys
B, A, C, R = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3], int(sys.argv[4])
env=dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8')
def run(cmd, cache=None, touch=False):
    e=dict(env)
    if cache: e['XDG_CACHE_HOME']=cache
    if touch: os.utime(C+'/study.json')
    t=time.perf_counter(); subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e); return (time.perf_counter()-t)*1000
res={}
def add(k,v): res.setdefault(k,[]).append(v)
py=['python3','-c',"import json,glob,gc; gc.disable(); [json.load(open(f)) for f in glob.glob('%s/**/*.json', recursive=True)]"%C]
cacheB, cacheA = '/tmp/interleaved-cache-old', '/tmp/interleaved-cache-new'
run([B,'search','inkludering','--cases',C], cache=cacheB)
run([A,'search','inkludering','--cases',C], cache=cacheA)
loads=[]
for r in range(R):
    loads.append(os.getloadavg()[0])
    for k in range(3):
        add('grep', run(['grep','-rci','inkludering',C]))
        add('warm before', run([B,'search','inkludering','--cases',C], cache=cacheB))
        add('warm after', run([A,'search','inkludering','--cases',C], cache=cacheA))
    add('python', run(py))
    add('validate before', run([B,'validate','--cases',C]))
    add('validate after', run([A,'validate','--cases',C]))
    add('first before', run([B,'search','inkludering','--cases',C], cache=cacheB, touch=True))
    add('first after', run([A,'search','inkludering','--cases',C], cache=cacheA, touch=True))
print('load', min(loads), max(loads))
for k,v in res.items(): print(f"{k:16s} min {min(v):7.0f}  median {statistics.median(v):7.0f}  n={len(v)}")
m={k:min(v) for k,v in res.items()}; md={k:statistics.median(v) for k,v in res.items()}
for lab,d in (('min',m),('median',md)):
    print(lab, 'warm/grep before %.2f after %.2f'%(d['warm before']/d['grep'], d['warm after']/d['grep']),
      '| first/validate before %.2f after %.2f'%(d['first before']/d['validate before'], d['first after']/d['validate after']),
      '| validate/python before %.2f after %.2f'%(d['validate before']/d['python'], d['validate after']/d['python']),
      '| first after / validate before %.2f'%(d['first after']/d['validate before']))
