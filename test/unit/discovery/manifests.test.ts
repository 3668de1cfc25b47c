import { describe, expect, it } from 'vitest';
import { analyse, providers } from './helpers';

describe('dependency manifests', () => {
  it('reads package.json dependencies and names the unit', () => {
    const a = analyse(
      'apps/bot/package.json',
      JSON.stringify(
        { name: 'bot', description: 'A bot', dependencies: { '@anthropic-ai/sdk': '^0.27.0', ai: '^3.0.0' } },
        null,
        2,
      ),
    );
    expect(providers(a)).toEqual(['anthropic', 'vercel-ai-sdk']);
    expect(a.entryPoint).toEqual({ kind: 'manifest', root: 'apps/bot', name: 'bot', description: 'A bot' });
    expect(a.dependencies).toContainEqual({
      ecosystem: 'npm',
      name: '@anthropic-ai/sdk',
      version: '^0.27.0',
    });
    expect(a.findings[0]?.evidence.line).toBeGreaterThan(1);
  });

  it('reads requirements.txt with comments, extras, markers and options', () => {
    const a = analyse(
      'requirements.txt',
      '-r base.txt\n# openai is next\ntransformers[torch]>=4.40 ; python_version>"3.8"\nlangchain-openai==0.1.8  # pinned\n',
    );
    expect(providers(a)).toEqual(['langchain', 'openai', 'transformers']);
    expect(a.dependencies).toContainEqual({
      ecosystem: 'pypi',
      name: 'langchain-openai',
      version: '==0.1.8',
    });
    expect(a.findings.find((f) => f.provider === 'transformers')?.evidence.line).toBe(3);
  });

  it('reads pyproject.toml in PEP 621 and Poetry form', () => {
    const pep = analyse(
      'pyproject.toml',
      '[project]\nname = "x"\ndependencies = ["anthropic>=0.30", "requests"]\n',
    );
    expect(providers(pep)).toEqual(['anthropic']);
    const poetry = analyse(
      'svc/pyproject.toml',
      '[tool.poetry]\nname = "svc"\n[tool.poetry.dependencies]\npython = "^3.11"\nmistralai = "^1.0"\n[tool.poetry.group.dev.dependencies]\ntorch = "*"\n',
    );
    expect(providers(poetry)).toEqual(['mistral', 'pytorch']);
    expect(poetry.entryPoint?.name).toBe('svc');
  });

  it('reads Pipfile, setup.py, setup.cfg and environment.yml', () => {
    expect(providers(analyse('Pipfile', '[packages]\ncohere = "*"\n'))).toEqual(['cohere']);
    expect(
      providers(analyse('setup.py', 'setup(name="a", install_requires=["xgboost>=2", "numpy"])')),
    ).toEqual(['xgboost']);
    expect(
      providers(
        analyse(
          'setup.cfg',
          '[metadata]\nname = a\n[options]\ninstall_requires =\n    scikit-learn>=1.4\n    pandas\n',
        ),
      ),
    ).toEqual(['scikit-learn']);
    expect(
      providers(
        analyse(
          'environment.yml',
          'name: ml\ndependencies:\n  - pytorch=2.3\n  - pip:\n    - sentence-transformers\n',
        ),
      ),
    ).toEqual(['pytorch', 'sentence-transformers']);
  });

  it('reads go.mod, pom.xml, build.gradle.kts, Gemfile, Cargo.toml, composer.json and csproj', () => {
    expect(
      providers(analyse('go.mod', 'module x\nrequire (\n\tgithub.com/sashabaranov/go-openai v1.29.0\n)\n')),
    ).toEqual(['openai']);
    expect(
      providers(
        analyse(
          'pom.xml',
          '<project><artifactId>a</artifactId><dependencies><dependency><groupId>org.springframework.ai</groupId><artifactId>spring-ai-ollama-spring-boot-starter</artifactId></dependency></dependencies></project>',
        ),
      ),
    ).toEqual(['ollama', 'spring-ai']);
    expect(
      providers(
        analyse(
          'build.gradle.kts',
          'dependencies {\n  implementation("dev.langchain4j:langchain4j-open-ai:0.34.0")\n}\n',
        ),
      ),
    ).toEqual(['langchain4j', 'openai']);
    expect(providers(analyse('Gemfile', 'gem "langchainrb"\ngem "rails"\n'))).toEqual(['langchain']);
    expect(
      providers(analyse('Cargo.toml', '[package]\nname = "r"\n[dependencies]\nasync-openai = "0.23"\n')),
    ).toEqual(['openai']);
    expect(
      providers(analyse('composer.json', JSON.stringify({ require: { 'openai-php/client': '^0.10' } }))),
    ).toEqual(['openai']);
    expect(
      providers(
        analyse(
          'src/Api/Api.csproj',
          '<Project><ItemGroup><PackageReference Include="Azure.AI.OpenAI" Version="2.0.0" /></ItemGroup></Project>',
        ),
      ),
    ).toEqual(['azure-openai']);
  });

  it('reports broken manifests as warnings, not exceptions', () => {
    const a = analyse('pyproject.toml', '[project\nname = ');
    expect(a.warnings?.[0]).toContain('pyproject.toml');
    expect(analyse('package.json', '{ nope').warnings?.[0]).toContain('package.json');
  });
});

describe('requirements folders', () => {
  it('reads requirements/*.txt files', () => {
    expect(providers(analyse('requirements/base.txt', 'vllm==0.6.0\n'))).toEqual(['vllm']);
  });
});
