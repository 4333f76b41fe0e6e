import torch
import torch.nn as nn
import torch.nn.functional as F


# shapesafe: input 8x1x28x28
class ConvVAE(nn.Module):
    def __init__(self, latent_dim=20):
        super(ConvVAE, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 4, stride=2, padding=1)   # 14x14
        self.conv2 = nn.Conv2d(32, 64, 4, stride=2, padding=1)  # 7x7
        self.fc_mu = nn.Linear(64 * 7 * 7, latent_dim)
        self.fc_logvar = nn.Linear(64 * 7 * 7, latent_dim)
        self.fc_dec = nn.Linear(latent_dim, 64 * 7 * 7)
        self.deconv1 = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)  # 14x14
        self.deconv2 = nn.ConvTranspose2d(32, 1, 4, stride=2, padding=1)   # 28x28

    def encode(self, x):
        h = F.relu(self.conv1(x))
        h = F.relu(self.conv2(h))
        h = h.view(h.size(0), -1)
        return self.fc_mu(h), self.fc_logvar(h)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h = F.relu(self.fc_dec(z))
        h = h.view(-1, 64, 7, 7)
        h = F.relu(self.deconv1(h))
        return torch.sigmoid(self.deconv2(h))

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


if __name__ == "__main__":
    model = ConvVAE()
    recon, mu, logvar = model(torch.rand(8, 1, 28, 28))
    print(recon.shape, mu.shape, logvar.shape)
